import type { MessageKey } from '../i18n/en.js';
import type { InboxFilter } from './filter.js';

export interface View {
  id: string;
  labelKey: MessageKey;
  filter: InboxFilter;
}

const active = ['open', 'pending'] as const;

export const VIEWS: View[] = [
  { id: 'all', labelKey: 'view.all', filter: { status: [...active] } },
  { id: 'mine', labelKey: 'view.mine', filter: { status: [...active], assignee: 'me' } },
  { id: 'unassigned', labelKey: 'view.unassigned', filter: { status: [...active], assignee: 'none' } },
  { id: 'tier2', labelKey: 'view.tier2', filter: { status: [...active], tier: 2 } },
  { id: 'pending', labelKey: 'view.pending', filter: { status: ['pending'] } },
  { id: 'snoozed', labelKey: 'view.snoozed', filter: { status: ['snoozed'] } },
  { id: 'resolved', labelKey: 'view.resolved', filter: { status: ['resolved', 'closed'] } },
];

/** The list a view shows once the agent's own filters are laid over it. */
export function combine(view: InboxFilter, own: InboxFilter): InboxFilter {
  const merged: InboxFilter = { ...view };
  for (const [k, v] of Object.entries(own) as [keyof InboxFilter, InboxFilter[keyof InboxFilter]][]) {
    if (v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0)) Object.assign(merged, { [k]: v });
  }
  return merged;
}

/** The server counts up to a cap; above it the view shows the cap with a plus. */
export function countLabel(count: number, more: boolean, format: (n: number) => string = String): string {
  return more ? `${format(count)}+` : format(count);
}
