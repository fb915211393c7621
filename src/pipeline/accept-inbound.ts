import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { linkAttachments } from '../db/attachments.js';
import { type ConversationDto, type ConversationRow, RETURNING_CONVERSATION_ROW, toConversationDto } from '../db/conversations.js';
import { findMessageByExternalId, MESSAGE_COLUMNS, toMessageDto } from '../db/messages.js';
import { enqueueEvents, type EventInput } from '../db/outbox.js';
import type { Conversation, Database, Db, Message } from '../db/schema.js';
import { AppError } from '../domain/errors.js';
import { type Classification, classify } from '../nlp/index.js';
import { htmlToText, sanitizeMessageHtml } from '../security/sanitize.js';
import type { InboundHook, InboundRouter } from './hooks.js';
import type { InboundMessage } from './inbound.js';
import { ContactRace, resolveContacts } from './resolve-contacts.js';
import { ThreadRace, threadConversations } from './thread-conversations.js';
import { baseUnderstanding, type Understand } from './understanding.js';

export interface InboundChannel {
  id: string;
  workspaceId: string;
  type: string;
  disabledAt: Date | null;
}

export interface InboundItem {
  channel: InboundChannel;
  msg: InboundMessage;
}

export interface Accepted {
  messageId: string;
  conversationId: string;
  duplicate: boolean;
}

const PREVIEW_LENGTH = 160;

/** Thrown inside the transaction when a concurrent delivery stored the same message first. */
export class LostDuplicateRace extends Error {}

/**
 * One inbound message on its own. Returns only after the message, its contact, its
 * conversation and the events announcing them are committed together.
 */
export async function acceptInbound(db: Kysely<Database>, channel: InboundChannel, msg: InboundMessage, hooks: InboundHook[] = [], understand: Understand = baseUnderstanding, route?: InboundRouter): Promise<Accepted> {
  if (channel.disabledAt) throw new AppError('conflict', 'This channel is disabled and accepts no messages.');
  for (let attempt = 0; ; attempt++) {
    const existing = await findMessageByExternalId(db, channel.id, msg.externalId);
    if (existing) return { messageId: existing.id, conversationId: existing.conversationId, duplicate: true };
    try {
      const [accepted] = await db.transaction().execute((trx) => storeInbound(trx, [{ channel, msg }], hooks, understand, route));
      if (!accepted) throw new AppError('unavailable', 'The message could not be stored; deliver it again.');
      return accepted;
    } catch (err) {
      // Another delivery won a race for the same message, person or thread: look again.
      const race = err instanceof LostDuplicateRace || err instanceof ContactRace || err instanceof ThreadRace;
      if (!race || attempt >= 3) throw err;
    }
  }
}

/**
 * The one path every inbound message takes: understand → contact → thread → persist → hooks →
 * conversation activity → events → assignment, for a whole batch in a handful of statements. The
 * messages must be new (not stored yet) and distinct.
 */
export async function storeInbound(trx: Db, items: InboundItem[], hooks: InboundHook[], understand: Understand = baseUnderstanding, route?: InboundRouter): Promise<Accepted[]> {
  const classifiers = new Map<string, (text: string) => Classification>();
  for (const { channel } of items) if (!classifiers.has(channel.workspaceId)) classifiers.set(channel.workspaceId, await understand(channel.workspaceId));
  const prepared = items.map(({ channel, msg }) => {
    const html = msg.html ? sanitizeMessageHtml(msg.html) : null;
    const text = msg.text.trim().length > 0 ? msg.text : htmlToText(html ?? '');
    const understood = (classifiers.get(channel.workspaceId) ?? classify)(text);
    return { html, text, understood: msg.language ? { ...understood, language: msg.language } : understood };
  });
  const contactIds = await resolveContacts(
    trx,
    items.map(({ channel, msg }) => ({ workspaceId: channel.workspaceId, channelId: channel.id, from: msg.from })),
  );
  const threads = await threadConversations(
    trx,
    items.map(({ channel, msg }, i) => ({
      workspaceId: channel.workspaceId,
      channelId: channel.id,
      contactId: contactIds[i] ?? '',
      threadKey: msg.threadKey ?? null,
      subject: msg.subject ?? null,
      visibility: msg.visibility ?? 'private',
    })),
  );

  const rows = items.map(({ channel, msg }, i) => {
    const p = prepared[i]!;
    const u = p.understood;
    return {
      id: randomUUID(),
      workspaceId: channel.workspaceId,
      conversationId: threads[i]!.conversation.id,
      channelId: channel.id,
      direction: 'inbound' as const,
      externalId: msg.externalId,
      contactId: contactIds[i] ?? null,
      text: p.text,
      html: p.html,
      attachments: JSON.stringify(msg.attachments ?? []),
      meta: JSON.stringify(msg.meta ?? {}),
      visibility: msg.visibility ?? threads[i]!.conversation.visibility,
      sentAt: msg.sentAt ?? null,
      language: u.language,
      sentiment: u.sentiment,
      sentimentScore: u.sentimentScore,
      category: u.category,
      urgent: u.urgent,
      urgentReasons: u.urgentReasons,
      pii: JSON.stringify(u.pii.map((s) => ({ kind: s.kind, start: s.start, end: s.end }))),
      rating: msg.rating ?? null,
    };
  });
  const inserted = await trx
    .insertInto('messages')
    .values(rows)
    .onConflict((oc) => oc.columns(['channelId', 'externalId']).where('externalId', 'is not', null).doNothing())
    .returning(MESSAGE_COLUMNS)
    .execute();
  if (inserted.length < rows.length) throw new LostDuplicateRace();
  const byId = new Map(inserted.map((m) => [m.id, m]));
  const messages = rows.map((r) => byId.get(r.id)!);
  for (const [i, { channel, msg }] of items.entries()) {
    if (msg.attachments?.length) await linkAttachments(trx, channel.workspaceId, messages[i]!.id, msg.attachments);
  }

  for (const [i, { channel }] of items.entries()) {
    const conversation = threads[i]!.conversation;
    for (const hook of hooks) await hook(trx, { channel, contactId: contactIds[i] ?? '', conversation, message: messages[i]!, conversationCreated: threads[i]!.created });
  }

  const activity = conversationActivity(threads, prepared, items);
  const updated = await touchConversations(trx, activity);
  await recordThreadHistory(trx, threads, contactIds);

  // The update ran after the hooks, so what it returns already holds their changes.
  const dtos = new Map<string, ConversationDto>(updated.map((c) => [c.id, toConversationDto(c)]));
  const events: EventInput[] = [];
  for (const a of activity.values()) {
    const dto = dtos.get(a.id);
    if (dto) events.push({ type: a.created ? 'conversation.created' : 'conversation.updated', workspaceId: a.workspaceId, data: { ...dto } });
  }
  for (const m of messages) {
    events.push({ type: 'message.created', workspaceId: m.workspaceId, data: { ...toMessageDto(m), conversation: { ...dtos.get(m.conversationId) } } });
  }
  // Last, so the round sees the conversations as stored and holds its lock only until the commit;
  // in a fixed order, so two batches spanning the same workspaces never wait on each other's locks.
  if (route) for (const workspaceId of [...new Set(items.map((i) => i.channel.workspaceId))].sort()) events.push(...(await route(trx, workspaceId)));
  await enqueueEvents(trx, events);
  return messages.map((m) => ({ messageId: m.id, conversationId: m.conversationId, duplicate: false }));
}

interface Activity {
  id: string;
  workspaceId: string;
  channelType: string;
  count: number;
  preview: string;
  /** All the batch's texts for this conversation, for its search vector. */
  text: string;
  language: string;
  sentiment: Message['sentiment'];
  category: string;
  urgent: boolean;
  created: boolean;
  reopenedFrom: Conversation['status'] | null;
  subject: string | null;
}

/** What a batch did to each conversation; the last message sets preview and reading. */
function conversationActivity(threads: { conversation: Conversation; created: boolean }[], prepared: { text: string; understood: Classification }[], items: InboundItem[]): Map<string, Activity> {
  const out = new Map<string, Activity>();
  for (const [i, t] of threads.entries()) {
    const p = prepared[i]!;
    const c = t.conversation;
    const prev = out.get(c.id);
    out.set(c.id, {
      id: c.id,
      workspaceId: c.workspaceId,
      channelType: items[i]!.channel.type,
      count: (prev?.count ?? 0) + 1,
      preview: p.text.replace(/\s+/g, ' ').trim().slice(0, PREVIEW_LENGTH),
      text: prev ? `${prev.text}\n${p.text}` : p.text,
      language: p.understood.language,
      sentiment: p.understood.sentiment,
      category: p.understood.category,
      urgent: (prev?.urgent ?? false) || p.understood.urgent,
      created: t.created,
      reopenedFrom: prev?.reopenedFrom ?? (!t.created && c.status !== 'open' ? c.status : null),
      subject: prev?.subject ?? items[i]!.msg.subject ?? null,
    });
  }
  return out;
}

async function touchConversations(trx: Db, activity: Map<string, Activity>) {
  const a = [...activity.values()];
  const result = await sql<ConversationRow>`
    UPDATE conversations c SET
      status = 'open',
      snoozed_until = NULL,
      preview = v.preview,
      message_count = c.message_count + v.n,
      last_message_at = now(),
      last_inbound_at = now(),
      updated_at = now(),
      language = v.language,
      sentiment = v.sentiment,
      category = v.category,
      -- Once a customer threatened a lawyer or the press, the case stays urgent until it is resolved.
      urgent = CASE WHEN v.fresh THEN v.urgent ELSE c.urgent OR v.urgent END,
      resolved_at = CASE WHEN v.fresh THEN NULL ELSE c.resolved_at END,
      subject = coalesce(c.subject, v.subject),
      search = c.search || search_vector(CASE WHEN v.created OR c.subject IS NULL THEN coalesce(c.subject, v.subject) END, v.text)
    FROM unnest(
      ${a.map((x) => x.id)}::uuid[], ${a.map((x) => x.count)}::int[], ${a.map((x) => x.preview)}::text[], ${a.map((x) => x.language)}::text[],
      ${a.map((x) => x.sentiment)}::text[], ${a.map((x) => x.category)}::text[], ${a.map((x) => x.urgent)}::bool[],
      ${a.map((x) => x.created || x.reopenedFrom !== null)}::bool[], ${a.map((x) => x.subject)}::text[], ${a.map((x) => x.channelType)}::text[], ${a.map((x) => x.text)}::text[], ${a.map((x) => x.created)}::bool[]
    ) AS v(id, n, preview, language, sentiment, category, urgent, fresh, subject, channel_type, text, created)
    WHERE c.id = v.id
    RETURNING ${RETURNING_CONVERSATION_ROW}, v.channel_type`.execute(trx);
  return result.rows;
}

async function recordThreadHistory(trx: Db, threads: { conversation: Conversation; created: boolean }[], contactIds: string[]): Promise<void> {
  const seen = new Set<string>();
  const rows: { workspaceId: string; conversationId: string; actorType: 'contact' | 'system'; actorId: string | null; type: string; data: string }[] = [];
  for (const [i, t] of threads.entries()) {
    const c = t.conversation;
    if (seen.has(c.id)) continue;
    seen.add(c.id);
    if (t.created) rows.push({ workspaceId: c.workspaceId, conversationId: c.id, actorType: 'contact', actorId: contactIds[i] ?? null, type: 'conversation.created', data: JSON.stringify({ channelId: c.channelId }) });
    else if (c.status !== 'open') rows.push({ workspaceId: c.workspaceId, conversationId: c.id, actorType: 'system', actorId: null, type: 'status.changed', data: JSON.stringify({ from: c.status, to: 'open', reason: 'inbound message' }) });
  }
  if (rows.length > 0) await trx.insertInto('conversationEvents').values(rows).execute();
}
