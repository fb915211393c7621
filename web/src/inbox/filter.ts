import type { ConversationDto, ConversationStatus } from '../api/types.js';

/** The inbox query as the list API understands it; every field optional. */
export interface InboxFilter {
  q?: string;
  status?: ConversationStatus[];
  channelType?: string;
  tier?: number;
  teamId?: string;
  assignee?: 'me' | 'none' | string;
  label?: string;
  sentiment?: 'negative' | 'neutral' | 'positive';
}

export function filterParams(f: InboxFilter): Record<string, string | number | undefined> {
  return {
    q: f.q?.trim() || undefined,
    status: f.status && f.status.length > 0 ? f.status.join(',') : undefined,
    channelType: f.channelType,
    tier: f.tier,
    teamId: f.teamId,
    assignee: f.assignee,
    label: f.label,
    sentiment: f.sentiment,
  };
}

/**
 * Whether a conversation belongs in a list, judged on the client for live updates.
 * Full-text search cannot be judged here, so `null` means "unknown: only update in place".
 */
export function matchesFilter(c: ConversationDto, f: InboxFilter, meId: string | null): boolean | null {
  if (f.status && f.status.length > 0 && !f.status.includes(c.status)) return false;
  if (f.channelType && c.channelType !== f.channelType) return false;
  if (f.tier !== undefined && c.tier !== f.tier) return false;
  if (f.teamId && c.teamId !== f.teamId) return false;
  if (f.assignee === 'none' && c.assigneeId !== null) return false;
  if (f.assignee === 'me' && c.assigneeId !== meId) return false;
  if (f.assignee && f.assignee !== 'none' && f.assignee !== 'me' && c.assigneeId !== f.assignee) return false;
  if (f.label && !c.labels.includes(f.label)) return false;
  if (f.sentiment && c.sentiment !== f.sentiment) return false;
  if (f.q && f.q.trim()) return null;
  return true;
}

export function filterKey(f: InboxFilter): string {
  return JSON.stringify(filterParams(f));
}
