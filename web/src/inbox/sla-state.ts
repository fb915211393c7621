import type { ConversationDto } from '../api/types.js';

export type SlaView = { state: 'breached' | 'warning' | 'running'; dueAt: string } | null;

/**
 * What the inbox shows of a conversation's service level: the next clock that is still running —
 * the first response, else a running next response (the customer wrote again), else the resolution.
 */
export function slaView(c: ConversationDto, now: number): SlaView {
  if (!c.sla || c.status === 'resolved' || c.status === 'closed') return null;
  const next = c.sla.nextResponse;
  const clock =
    c.firstResponseAt === null
      ? { dueAt: c.sla.firstResponseDueAt, warnedAt: c.sla.warnedAt, breachedAt: c.sla.breachedAt }
      : next?.dueAt && !next.paused
        ? next
        : { dueAt: c.sla.resolutionDueAt, warnedAt: c.sla.warnedAt, breachedAt: c.sla.breachedAt };
  const dueAt = clock.dueAt;
  if (!dueAt) return null;
  const due = Date.parse(dueAt);
  if (clock.breachedAt || due <= now) return { state: 'breached', dueAt };
  if (clock.warnedAt) return { state: 'warning', dueAt };
  return { state: 'running', dueAt };
}
