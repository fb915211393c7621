import { sql, type Kysely } from 'kysely';
import type { OutboundContext } from '../channels/adapter.js';
import { emailChannel } from '../channels/email/adapter.js';
import { outgoingMailbox } from '../channels/email/workspace-mail.js';
import { messageAttachmentFiles } from '../db/attachments.js';
import { getContact, toContactDto } from '../db/contacts.js';
import { getConversation } from '../db/conversations.js';
import { MESSAGE_COLUMNS, toMessageDto } from '../db/messages.js';
import type { Database, Message, MessageMeta } from '../db/schema.js';
import { isAppError } from '../domain/errors.js';
import type { SecretBox } from '../security/secret-box.js';

/** A reply the visitor has not seen live within this time goes to their e-mail address. */
export const MISSED_REPLY_GRACE_MS = 2 * 60_000;
/** Replies older than this are not mailed any more: the chat has moved on. */
const MISSED_REPLY_HORIZON_MS = 24 * 3_600_000;
const BATCH = 50;

type Missed = NonNullable<MessageMeta['missedMail']>;

/**
 * Web chat replies a visitor did not see (they had left the page) are sent to the e-mail address
 * they gave, through the workspace's e-mail channel. A reply the widget showed live, or that the
 * visitor fetched on coming back, is marked delivered and never mailed. Each reply is mailed
 * once: the outcome is recorded on it, and only temporary failures are tried again.
 */
export async function emailMissedChatReplies(db: Kysely<Database>, box: SecretBox, options: { allowPrivateNetworks: boolean; graceMs?: number }): Promise<number> {
  const grace = options.graceMs ?? MISSED_REPLY_GRACE_MS;
  const missed = await db
    .selectFrom('messages as m')
    .innerJoin('channels as ch', 'ch.id', 'm.channelId')
    .select(MESSAGE_COLUMNS.map((c) => `m.${c}` as const))
    .where('ch.type', '=', 'webchat')
    .where('m.direction', '=', 'outbound')
    .where('m.deliveryStatus', '=', 'sent')
    .where('m.sentAt', '<=', new Date(Date.now() - grace))
    .where('m.sentAt', '>', new Date(Date.now() - MISSED_REPLY_HORIZON_MS))
    .where(sql<boolean>`NOT (m.meta ? 'missedMail')`)
    .orderBy('m.sentAt')
    .limit(BATCH)
    .execute();
  let mailed = 0;
  for (const message of missed) {
    const outcome = await mailOne(db, box, message, options.allowPrivateNetworks);
    if (!outcome) continue;
    if (outcome.status === 'sent') mailed++;
    await db
      .updateTable('messages')
      .set({ meta: sql<string>`meta || ${JSON.stringify({ missedMail: outcome })}::jsonb` })
      .where('id', '=', message.id)
      .execute();
  }
  return mailed;
}

async function mailOne(db: Kysely<Database>, box: SecretBox, message: Message, allowPrivateNetworks: boolean): Promise<Missed | null> {
  const at = new Date().toISOString();
  const conversation = await getConversation(db, message.workspaceId, message.conversationId);
  const contact = await getContact(db, message.workspaceId, conversation.contactId);
  if (!contact.email) return { at, status: 'no_address' };
  const mailbox = await outgoingMailbox(db, message.workspaceId);
  if (!mailbox) return { at, status: 'no_channel' };
  const ctx: OutboundContext = {
    channel: { id: mailbox.id, workspaceId: mailbox.workspaceId, type: mailbox.type, name: mailbox.name, settings: mailbox.settings },
    secrets: mailbox.secrets ? box.open(mailbox.secrets) : {},
    conversation: { ...conversation, threadKey: null },
    message: toMessageDto(message),
    contact: toContactDto(contact),
    recipientId: contact.email,
    lastInboundAt: null,
    lastInboundExternalId: null,
    allowPrivateNetworks,
    earlier: [],
    files: await messageAttachmentFiles(db, message.workspaceId, message.attachments),
    deriveKey: (purpose) => box.deriveKey(purpose),
  };
  try {
    await emailChannel.send(ctx);
    return { at, status: 'sent' };
  } catch (err) {
    // A server that is down or busy is tried on the next round; anything else is final.
    if (isAppError(err) && (err.code === 'unavailable' || err.code === 'rate_limited')) return null;
    return { at, status: 'failed', reason: err instanceof Error ? err.message : String(err) };
  }
}
