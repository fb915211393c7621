import type { Kysely } from 'kysely';
import { getChannel } from '../db/channels.js';
import type { Database } from '../db/schema.js';
import { AppError } from '../domain/errors.js';
import type { IngestBatcher } from './ingest-batcher.js';

/**
 * Proactive outreach: a mention becomes a public conversation on the channel it can be answered
 * on, with the post as its first message, so an agent replies where the author wrote (or, where
 * the provider allows, privately). The mention and its author's contact are linked, so the
 * author's later mentions and conversations share one timeline. Doing it twice opens nothing new.
 */
export async function mentionToConversation(db: Kysely<Database>, ingest: IngestBatcher, workspaceId: string, mentionId: string, channelId: string): Promise<{ conversationId: string; messageId: string; created: boolean }> {
  const mention = await db.selectFrom('mentions').selectAll().where('workspaceId', '=', workspaceId).where('id', '=', mentionId).executeTakeFirst();
  if (!mention) throw new AppError('not_found', 'Mention not found.');
  if (mention.messageId) {
    const existing = await db.selectFrom('messages').select(['id', 'conversationId']).where('workspaceId', '=', workspaceId).where('id', '=', mention.messageId).executeTakeFirst();
    if (existing) return { conversationId: existing.conversationId, messageId: existing.id, created: false };
  }
  const channel = await getChannel(db, workspaceId, channelId);
  if (channel.disabledAt) throw new AppError('conflict', 'This channel is disabled; choose another to answer on.');
  const author = mention.author ?? `mention:${mention.id}`;
  const accepted = await ingest.accept(channel, {
    externalId: mention.externalId,
    from: { id: author, ...(mention.author && { name: mention.author }) },
    text: mention.url ? `${mention.text}\n\n${mention.url}` : mention.text,
    visibility: 'public',
    threadKey: mention.externalId,
    sentAt: mention.postedAt,
    meta: { outreach: { mentionId: mention.id } },
  });
  const message = await db.selectFrom('messages').select(['contactId']).where('id', '=', accepted.messageId).executeTakeFirstOrThrow();
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('mentions').set({ messageId: accepted.messageId, contactId: message.contactId }).where('id', '=', mention.id).execute();
    // The listener hears the stored post as a public message and records it again; it is this mention.
    await trx.deleteFrom('mentions').where('workspaceId', '=', workspaceId).where('messageId', '=', accepted.messageId).where('id', '!=', mention.id).execute();
  });
  return { conversationId: accepted.conversationId, messageId: accepted.messageId, created: !accepted.duplicate };
}
