import { sql } from 'kysely';
import { getConversation, toConversationDto } from '../db/conversations.js';
import { SYSTEM, recordHistory } from '../db/history.js';
import { findMessageByExternalId, MESSAGE_COLUMNS, toMessageDto } from '../db/messages.js';
import { enqueueEvents } from '../db/outbox.js';
import type { Database, Db } from '../db/schema.js';
import type { Kysely } from 'kysely';
import { AppError } from '../domain/errors.js';
import { classify } from '../nlp/index.js';
import { htmlToText, sanitizeMessageHtml } from '../security/sanitize.js';
import type { InboundHook } from './hooks.js';
import type { InboundMessage } from './inbound.js';
import { resolveContact } from './resolve-contact.js';
import { threadConversation } from './thread-conversation.js';

export interface InboundChannel {
  id: string;
  workspaceId: string;
  type: string;
  disabledAt: Date | null;
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
 * The one path every inbound message takes. Returns only after the message, its contact,
 * its conversation and the events announcing them are committed together.
 */
export async function acceptInbound(db: Kysely<Database>, channel: InboundChannel, msg: InboundMessage, hooks: InboundHook[] = []): Promise<Accepted> {
  if (channel.disabledAt) throw new AppError('conflict', 'This channel is disabled and accepts no messages.');
  const existing = await findMessageByExternalId(db, channel.id, msg.externalId);
  if (existing) return { messageId: existing.id, conversationId: existing.conversationId, duplicate: true };
  try {
    return await db.transaction().execute((trx) => storeInbound(trx, channel, msg, hooks));
  } catch (err) {
    if (!(err instanceof LostDuplicateRace)) throw err;
    const winner = await findMessageByExternalId(db, channel.id, msg.externalId);
    if (!winner) throw new AppError('unavailable', 'The message could not be stored; deliver it again.');
    return { messageId: winner.id, conversationId: winner.conversationId, duplicate: true };
  }
}

export async function storeInbound(trx: Db, channel: InboundChannel, msg: InboundMessage, hooks: InboundHook[]): Promise<Accepted> {
  const html = msg.html ? sanitizeMessageHtml(msg.html) : null;
  const text = msg.text.trim().length > 0 ? msg.text : htmlToText(html ?? '');
  const understood = classify(text);
  const { contactId } = await resolveContact(trx, channel.workspaceId, channel.id, msg.from);
  const threaded = await threadConversation(trx, channel, contactId, msg);
  const message = await trx
    .insertInto('messages')
    .values({
      workspaceId: channel.workspaceId,
      conversationId: threaded.conversation.id,
      channelId: channel.id,
      direction: 'inbound',
      externalId: msg.externalId,
      contactId,
      text,
      html,
      attachments: JSON.stringify(msg.attachments ?? []),
      visibility: msg.visibility ?? threaded.conversation.visibility,
      sentAt: msg.sentAt ?? null,
      language: understood.language,
      sentiment: understood.sentiment,
      sentimentScore: understood.sentimentScore,
      category: understood.category,
      urgent: understood.urgent,
      urgentReasons: understood.urgentReasons,
      pii: JSON.stringify(understood.pii.map((p) => ({ kind: p.kind, start: p.start, end: p.end }))),
    })
    .onConflict((oc) => oc.columns(['channelId', 'externalId']).where('externalId', 'is not', null).doNothing())
    .returning(MESSAGE_COLUMNS)
    .executeTakeFirst();
  if (!message) throw new LostDuplicateRace();

  const conversation = await trx
    .updateTable('conversations')
    .set({
      status: 'open',
      snoozedUntil: null,
      preview: text.replace(/\s+/g, ' ').trim().slice(0, PREVIEW_LENGTH),
      messageCount: sql<number>`message_count + 1`,
      lastMessageAt: sql<Date>`now()`,
      lastInboundAt: sql<Date>`now()`,
      updatedAt: sql<Date>`now()`,
      language: understood.language,
      sentiment: understood.sentiment,
      category: understood.category,
      // Once a customer threatened a lawyer or the press, the case stays urgent until it is resolved.
      urgent: threaded.reopened || threaded.created ? understood.urgent : sql<boolean>`urgent OR ${understood.urgent}`,
      ...(threaded.reopened && { resolvedAt: null }),
      ...(msg.subject && !threaded.conversation.subject && { subject: msg.subject }),
    })
    .where('id', '=', threaded.conversation.id)
    .returningAll()
    .returning([
      sql<string>`${channel.type}::text`.as('channelType'),
      sql<string | null>`(SELECT name FROM contacts WHERE id = conversations.contact_id)`.as('contactName'),
      sql<string[]>`coalesce((SELECT array_agg(l.name ORDER BY l.name) FROM conversation_labels cl JOIN labels l ON l.id = cl.label_id WHERE cl.conversation_id = conversations.id), '{}')`.as('labels'),
    ])
    .executeTakeFirstOrThrow();

  if (threaded.created) {
    await recordHistory(trx, channel.workspaceId, conversation.id, { type: 'contact', id: contactId }, 'conversation.created', { channelId: channel.id });
  } else if (threaded.reopened) {
    await recordHistory(trx, channel.workspaceId, conversation.id, SYSTEM, 'status.changed', { from: threaded.conversation.status, to: 'open', reason: 'inbound message' });
  }

  for (const hook of hooks) {
    await hook(trx, { channel, contactId, conversation, message, conversationCreated: threaded.created });
  }

  // Hooks may have changed the conversation (team, tier, assignee): read it again only then.
  const dto = hooks.length > 0 ? await getConversation(trx, channel.workspaceId, conversation.id) : toConversationDto(conversation);
  await enqueueEvents(trx, [
    { type: threaded.created ? 'conversation.created' : 'conversation.updated', workspaceId: channel.workspaceId, data: { ...dto } },
    { type: 'message.created', workspaceId: channel.workspaceId, data: { ...toMessageDto(message), conversation: { ...dto } } },
  ]);
  return { messageId: message.id, conversationId: conversation.id, duplicate: false };
}
