import type { ConversationDto, MessageDto, Page } from '../api/types.js';

/** Inbox order: newest activity first, ties broken by id descending, as the API sorts. */
export function compareConversations(a: ConversationDto, b: ConversationDto): number {
  const t = Date.parse(b.lastMessageAt) - Date.parse(a.lastMessageAt);
  if (t !== 0) return t;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

function isStale(existing: ConversationDto | undefined, incoming: ConversationDto): boolean {
  return existing !== undefined && Date.parse(existing.updatedAt) > Date.parse(incoming.updatedAt);
}

/**
 * Applies a live conversation to the loaded pages of an inbox list. Events arrive at least once
 * and possibly out of order, so an older copy never overwrites a newer one. `belongs` says whether
 * the conversation matches the list's filter (null: cannot tell, so only update it where it is).
 */
export function applyConversation(pages: Page<ConversationDto>[], incoming: ConversationDto, belongs: boolean | null): Page<ConversationDto>[] {
  const existing = pages.flatMap((p) => p.items).find((c) => c.id === incoming.id);
  if (isStale(existing, incoming)) return pages;
  if (belongs === null) {
    if (!existing) return pages;
    return pages.map((p) => ({ ...p, items: p.items.map((c) => (c.id === incoming.id ? incoming : c)) }));
  }
  const without = pages.map((p) => ({ ...p, items: p.items.filter((c) => c.id !== incoming.id) }));
  if (!belongs || without.length === 0) return without;
  for (let i = 0; i < without.length; i++) {
    const page = without[i];
    if (!page) continue;
    const at = page.items.findIndex((c) => compareConversations(incoming, c) < 0);
    if (at >= 0) {
      const items = [...page.items.slice(0, at), incoming, ...page.items.slice(at)];
      return without.map((p, j) => (j === i ? { ...p, items } : p));
    }
  }
  const last = without[without.length - 1];
  // Older than everything loaded while more pages exist: it will arrive with those pages.
  if (!last || last.nextCursor !== null) return without;
  return without.map((p, j) => (j === without.length - 1 ? { ...p, items: [...p.items, incoming] } : p));
}

const deliveryRank: Record<NonNullable<MessageDto['deliveryStatus']>, number> = { queued: 0, failed: 1, sent: 2, delivered: 3 };

/** Adds or updates a message in a thread, oldest first; a delivery status never moves backwards. */
export function applyMessage(messages: MessageDto[], incoming: MessageDto): MessageDto[] {
  const existing = messages.find((m) => m.id === incoming.id);
  if (existing) {
    const before = existing.deliveryStatus ? deliveryRank[existing.deliveryStatus] : -1;
    const after = incoming.deliveryStatus ? deliveryRank[incoming.deliveryStatus] : -1;
    if (after < before && !(existing.deliveryStatus === 'failed' && incoming.deliveryStatus === 'queued')) return messages;
    return messages.map((m) => (m.id === incoming.id ? { ...m, ...incoming } : m));
  }
  const next = [...messages, incoming];
  next.sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
  return next;
}
