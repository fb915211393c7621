import { sql } from 'kysely';
import { attachmentUrl } from './attachments.js';
import type { AttachmentMeta, Db, Message, MessageMeta, PiiSpanRow } from './schema.js';

export interface MessageDto {
  id: string;
  conversationId: string;
  channelId: string;
  direction: Message['direction'];
  externalId: string | null;
  authorUserId: string | null;
  contactId: string | null;
  text: string;
  html: string | null;
  attachments: AttachmentMeta[];
  visibility: Message['visibility'];
  deliveryStatus: Message['deliveryStatus'];
  deliveryError: string | null;
  sentAt: string | null;
  createdAt: string;
  language: string | null;
  sentiment: Message['sentiment'];
  sentimentScore: number | null;
  category: string | null;
  urgent: boolean;
  urgentReasons: string[];
  pii: PiiSpanRow[];
  /** Stars (1–5) when the message is a review. */
  rating: number | null;
  meta: MessageMeta;
}

export function toMessageDto(m: Message): MessageDto {
  return {
    id: m.id,
    conversationId: m.conversationId,
    channelId: m.channelId,
    direction: m.direction,
    externalId: m.externalId,
    authorUserId: m.authorUserId,
    contactId: m.contactId,
    text: m.text,
    html: m.html,
    attachments: m.attachments.map((a) => ({ ...a, url: attachmentUrl(a.id) })),
    visibility: m.visibility,
    deliveryStatus: m.deliveryStatus,
    deliveryError: m.deliveryError,
    sentAt: m.sentAt?.toISOString() ?? null,
    createdAt: m.createdAt.toISOString(),
    language: m.language,
    sentiment: m.sentiment,
    sentimentScore: m.sentimentScore,
    category: m.category,
    urgent: m.urgent,
    urgentReasons: m.urgentReasons,
    pii: m.pii,
    rating: m.rating,
    meta: m.meta,
  };
}

export const MESSAGE_COLUMNS = [
  'id', 'workspaceId', 'conversationId', 'channelId', 'direction', 'externalId', 'authorUserId', 'contactId', 'text', 'html',
  'attachments', 'visibility', 'deliveryStatus', 'deliveryError', 'deliveryAttempts', 'nextAttemptAt', 'sentAt', 'createdAt',
  'language', 'sentiment', 'sentimentScore', 'category', 'urgent', 'urgentReasons', 'pii', 'rating', 'meta',
] as const;

export async function findMessageByExternalId(db: Db, channelId: string, externalId: string) {
  return db
    .selectFrom('messages')
    .select(['id', 'conversationId'])
    .where('channelId', '=', channelId)
    .where('externalId', '=', externalId)
    .executeTakeFirst();
}

/** The stored messages among many (channel, external id) pairs, in one statement whatever their number. */
export async function findMessagesByExternalIds(db: Db, keys: { channelId: string; externalId: string }[]) {
  if (keys.length === 0) return [];
  return db
    .selectFrom('messages')
    .select(['id', 'conversationId', 'channelId', 'externalId'])
    .where(sql<boolean>`(channel_id, external_id) IN (SELECT * FROM unnest(${keys.map((k) => k.channelId)}::uuid[], ${keys.map((k) => k.externalId)}::text[]))`)
    .execute();
}

export async function listMessages(db: Db, workspaceId: string, conversationId: string) {
  return db
    .selectFrom('messages')
    .select(MESSAGE_COLUMNS)
    .where('workspaceId', '=', workspaceId)
    .where('conversationId', '=', conversationId)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
}
