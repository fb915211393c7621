import type { Db } from '../db/schema.js';
import { AppError } from '../domain/errors.js';
import { detectPii, type PiiSpan } from '../nlp/index.js';

export interface ReplySpan {
  kind: PiiSpan['kind'] | 'order_number';
  start: number;
  end: number;
  text: string;
}

/** What the reviewer disclosed or the shop knows about them: none of it may be repeated in public. */
export interface ReviewerData {
  reviewText: string;
  email: string | null;
  phone: string | null;
  orderIds: string[];
}

// Order and customer numbers: a run of letters, digits and dashes holding at least five digits.
const NUMBER_TOKEN = /[\p{L}\p{N}#][\p{L}\p{N}\-/#]*\d[\p{L}\p{N}\-/#]*/gu;
const normalise = (s: string) => s.replace(/[^\p{L}\p{N}]/gu, '').toUpperCase();
const digits = (s: string) => s.replace(/\D/g, '');

function numberTokens(text: string): { start: number; text: string }[] {
  return Array.from(text.matchAll(NUMBER_TOKEN), (m) => ({ start: m.index, text: m[0] })).filter((t) => digits(t.text).length >= 5);
}

/**
 * The personal data a public review reply would repeat: anything the detector finds in the reply,
 * and any number, address or e-mail the reviewer gave (in the review or on record) that the reply
 * echoes, even in a form the detector would not call personal, such as an order number.
 */
export function personalDataInReply(reply: string, reviewer: ReviewerData): ReplySpan[] {
  const found: ReplySpan[] = detectPii(reply).map(({ kind, start, end, text }) => ({ kind, start, end, text }));
  const phoneDigits = reviewer.phone ? digits(reviewer.phone) : '';
  const knownNumbers = new Set([...numberTokens(reviewer.reviewText).map((t) => normalise(t.text)), ...reviewer.orderIds.map(normalise)]);
  for (const token of numberTokens(reply)) {
    const kind = phoneDigits.length >= 5 && digits(token.text).endsWith(phoneDigits.slice(-7)) ? 'phone' : knownNumbers.has(normalise(token.text)) ? 'order_number' : null;
    if (kind) found.push({ kind, start: token.start, end: token.start + token.text.length, text: token.text });
  }
  const lower = reply.toLowerCase();
  const disclosed = [...detectPii(reviewer.reviewText).map((s) => ({ kind: s.kind, text: s.text })), ...(reviewer.email ? [{ kind: 'email' as const, text: reviewer.email }] : [])];
  for (const known of disclosed) {
    const at = lower.indexOf(known.text.toLowerCase());
    if (known.text.length >= 4 && at >= 0) found.push({ kind: known.kind, start: at, end: at + known.text.length, text: reply.slice(at, at + known.text.length) });
  }
  const kept: ReplySpan[] = [];
  for (const span of found.sort((a, b) => a.start - b.start || b.end - a.end)) if (!kept.some((k) => span.start < k.end && k.start < span.end)) kept.push(span);
  return kept;
}

/** Loads what is known about the reviewer of a review conversation. */
export async function reviewerData(db: Db, workspaceId: string, conversationId: string): Promise<ReviewerData> {
  const conversation = await db
    .selectFrom('conversations as c')
    .innerJoin('contacts as ct', 'ct.id', 'c.contactId')
    .select(['ct.id as contactId', 'ct.email', 'ct.phone'])
    .where('c.workspaceId', '=', workspaceId)
    .where('c.id', '=', conversationId)
    .executeTakeFirst();
  if (!conversation) throw new AppError('not_found', 'Review not found.');
  const [messages, orders] = await Promise.all([
    db.selectFrom('messages').select('text').where('workspaceId', '=', workspaceId).where('conversationId', '=', conversationId).where('direction', '=', 'inbound').execute(),
    db.selectFrom('orders').select('externalId').where('workspaceId', '=', workspaceId).where('contactId', '=', conversation.contactId).execute(),
  ]);
  return { reviewText: messages.map((m) => m.text).join('\n'), email: conversation.email, phone: conversation.phone, orderIds: orders.map((o) => o.externalId) };
}

/** Refuses a public review reply that repeats personal data: unlike other public replies, no confirmation lets it through. */
export async function assertNoPersonalData(db: Db, workspaceId: string, conversationId: string, reply: string): Promise<void> {
  const spans = personalDataInReply(reply, await reviewerData(db, workspaceId, conversationId));
  if (spans.length === 0) return;
  const kinds = [...new Set(spans.map((s) => s.kind))];
  throw new AppError('conflict', `This review reply repeats personal data (${kinds.join(', ')}). Remove it; review replies are public and cannot hold personal data.`, { reason: 'personal_data', kinds, spans });
}
