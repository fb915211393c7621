import { sql } from 'kysely';
import { linkAttachments, pendingAttachments } from '../db/attachments.js';
import { getConversation, lockConversation } from '../db/conversations.js';
import { type Actor, recordHistory } from '../db/history.js';
import { MESSAGE_COLUMNS, toMessageDto, type MessageDto } from '../db/messages.js';
import { enqueueEvents } from '../db/outbox.js';
import type { Database, Db, MessageMeta, Visibility } from '../db/schema.js';
import type { Kysely } from 'kysely';
import { AppError } from '../domain/errors.js';
import { detectPii } from '../nlp/index.js';
import { assertOutreachAllowed } from '../privacy/outreach-consent.js';
import { assertDirectReviewReply } from '../reviews/direct-review-reply.js';
import { recordArticleUse } from '../kb/article-use.js';

export interface OutgoingInput {
  text: string;
  type: 'reply' | 'note';
  visibility?: Visibility;
  /** Files uploaded beforehand, sent with the message. */
  attachmentIds?: string[];
  /** A reply that already reached the customer another way (a phone call): recorded as sent then, not queued. */
  deliveredAt?: Date;
  meta?: MessageMeta;
  /** The agent saw that this public reply holds personal data and sends it anyway. */
  confirmPersonalData?: boolean;
  /** Knowledge-base articles this reply was drafted from (suggestions the agent inserted). */
  articleIds?: string[];
  /** A review's approved draft being published: its approval and personal data were checked on the way. */
  approvedReviewDraft?: boolean;
}

/**
 * Stores an agent's reply (queued for the channel's delivery worker) or internal note. The
 * reply is durable before anything is sent, so a crash never loses what the agent wrote.
 */
export async function sendMessage(db: Kysely<Database>, workspaceId: string, conversationId: string, actor: Actor, input: OutgoingInput): Promise<MessageDto> {
  return db.transaction().execute((trx) => storeOutgoing(trx, workspaceId, conversationId, actor, input));
}

/** `sendMessage` inside a transaction the caller holds, for writes that belong with it. */
export async function storeOutgoing(trx: Db, workspaceId: string, conversationId: string, actor: Actor, input: OutgoingInput): Promise<MessageDto> {
  const conversation = await lockConversation(trx, workspaceId, conversationId);
  const isReply = input.type === 'reply';
  if (isReply && conversation.status === 'closed') {
    throw new AppError('conflict', 'This conversation is closed; reopen it before replying.');
  }
  const attachments = await pendingAttachments(trx, workspaceId, input.attachmentIds ?? []);
  // Personal data posted in public cannot be taken back: the agent confirms it, or moves to private.
  const visibility = isReply ? (input.visibility ?? conversation.visibility) : 'private';
  // A reply that already reached the person another way (a call they took) was not unsolicited here.
  if (isReply && !input.deliveredAt) await assertOutreachAllowed(trx, workspaceId, conversation, visibility);
  if (isReply && visibility === 'public' && !input.approvedReviewDraft) await assertDirectReviewReply(trx, workspaceId, conversationId, input.text);
  const personal = visibility === 'public' && !input.confirmPersonalData ? detectPii(input.text) : [];
  if (personal.length > 0) {
    const kinds = [...new Set(personal.map((p) => p.kind))];
    throw new AppError('conflict', `This public reply contains personal data (${kinds.join(', ')}). Answer privately, remove it, or confirm to post it anyway.`, { reason: 'personal_data', kinds });
  }
  const message = await trx
    .insertInto('messages')
    .values({
      workspaceId,
      conversationId,
      channelId: conversation.channelId,
      direction: isReply ? 'outbound' : 'note',
      authorUserId: actor.type === 'user' ? actor.id : null,
      text: input.text,
      attachments: JSON.stringify(attachments),
      visibility,
      deliveryStatus: isReply ? (input.deliveredAt ? 'sent' : 'queued') : null,
      nextAttemptAt: isReply && !input.deliveredAt ? sql<Date>`now()` : null,
      sentAt: isReply ? (input.deliveredAt ?? null) : null,
      meta: JSON.stringify(input.meta ?? {}),
    })
    .returning(MESSAGE_COLUMNS)
    .executeTakeFirstOrThrow();
  await linkAttachments(trx, workspaceId, message.id, attachments);
  if (isReply && input.articleIds) await recordArticleUse(trx, workspaceId, conversationId, input.articleIds, 'suggestion');
  // A reply that ends a running next-response cycle records whether it came in time, for attainment.
  if (isReply && !input.meta?.automatic && conversation.nextResponseDueAt) {
    const met = conversation.nextResponsePausedAt === null ? Date.now() <= conversation.nextResponseDueAt.getTime() : conversation.nextResponseBreachedAt === null;
    await recordHistory(trx, workspaceId, conversationId, actor, 'sla.nextResponse.stopped', { dueAt: conversation.nextResponseDueAt.toISOString(), met });
  }
  await trx
    .updateTable('conversations')
    .set({
      messageCount: sql<number>`message_count + 1`,
      updatedAt: sql<Date>`now()`,
      search: sql<string>`search || search_vector(NULL, ${input.text})`,
      ...(isReply && {
        lastMessageAt: sql<Date>`now()`,
        preview: input.text.replace(/\s+/g, ' ').trim().slice(0, 160),
        // An automatic answer is not the team's response: the first-response clock keeps running.
        ...(!input.meta?.automatic && {
          firstResponseAt: sql<Date>`coalesce(first_response_at, now())`,
          // The reply stops the next-response clock; its warning and breach stay on record.
          nextResponseDueAt: null,
          nextResponseWarnAt: null,
          nextResponsePausedAt: null,
        }),
      }),
    })
    .where('id', '=', conversationId)
    .execute();
  const dto = toMessageDto(message);
  const conversationDto = await getConversation(trx, workspaceId, conversationId);
  await enqueueEvents(trx, [
    { type: 'message.created', workspaceId, data: { ...dto, conversation: { ...conversationDto } } },
    { type: 'conversation.updated', workspaceId, data: { ...conversationDto } },
  ]);
  return dto;
}
