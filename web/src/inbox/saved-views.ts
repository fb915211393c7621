import type { InboxFilter } from './filter.js';

/** Views an agent saved from their own filters; kept per browser and user until the server stores them. */
export interface SavedView {
  id: string;
  name: string;
  filter: InboxFilter;
}

const key = (userId: string) => `parley.views.${userId}`;

function isSavedView(v: unknown): v is SavedView {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return typeof r.id === 'string' && typeof r.name === 'string' && typeof r.filter === 'object' && r.filter !== null;
}

export function loadSavedViews(userId: string, storage: Pick<Storage, 'getItem'> = localStorage): SavedView[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(key(userId)) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isSavedView) : [];
  } catch {
    return [];
  }
}

export function storeSavedViews(userId: string, views: SavedView[], storage: Pick<Storage, 'setItem'> = localStorage): void {
  storage.setItem(key(userId), JSON.stringify(views));
}

/** A saved view keeps only the filters that narrow the list, never the search text. */
export function viewFromFilter(id: string, name: string, f: InboxFilter): SavedView {
  const filter: InboxFilter = {};
  if (f.status?.length) filter.status = f.status;
  if (f.channelType) filter.channelType = f.channelType;
  if (f.tier !== undefined) filter.tier = f.tier;
  if (f.teamId) filter.teamId = f.teamId;
  if (f.assignee) filter.assignee = f.assignee;
  if (f.label) filter.label = f.label;
  return { id, name: name.trim(), filter };
}
