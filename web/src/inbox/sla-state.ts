import type { ConversationDto } from '../api/types.js';

export type SlaView = { state: 'breached' | 'warning' | 'running'; dueAt: string } | null;

/** What the inbox shows of a conversation's service level: the next clock that is still running. */
export function slaView(c: ConversationDto, now: number): SlaView {
  if (!c.sla || c.status === 'resolved' || c.status === 'closed') return null;
  const dueAt = c.firstResponseAt === null ? c.sla.firstResponseDueAt : c.sla.resolutionDueAt;
  if (!dueAt) return null;
  const due = Date.parse(dueAt);
  if (c.sla.breachedAt || due <= now) return { state: 'breached', dueAt };
  if (c.sla.warnedAt) return { state: 'warning', dueAt };
  return { state: 'running', dueAt };
}
