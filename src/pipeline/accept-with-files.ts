import type { Kysely } from 'kysely';
import { type AttachmentFile, discardUnlinkedAttachments, storeAttachments } from '../db/attachments.js';
import { findMessageByExternalId } from '../db/messages.js';
import type { Database } from '../db/schema.js';
import type { Accepted, InboundChannel } from './accept-inbound.js';
import type { IngestBatcher } from './ingest-batcher.js';
import type { InboundMessage } from './inbound.js';

/**
 * Stores a message that arrived with files (a mail's attachments, a messenger's photo). The files
 * are written first and linked when the message is committed; a repeated delivery is caught
 * before anything is written, and files of a delivery that lost a race are removed again.
 */
export async function acceptWithFiles(db: Kysely<Database>, ingest: IngestBatcher, channel: InboundChannel, msg: InboundMessage, files: AttachmentFile[]): Promise<Accepted> {
  if (files.length === 0) return ingest.accept(channel, msg);
  const known = await findMessageByExternalId(db, channel.id, msg.externalId);
  if (known) return { messageId: known.id, conversationId: known.conversationId, duplicate: true };
  const attachments = await storeAttachments(db, channel.workspaceId, files);
  const ids = attachments.map((a) => a.id);
  let accepted: Accepted;
  try {
    accepted = await ingest.accept(channel, { ...msg, attachments: [...(msg.attachments ?? []), ...attachments] });
  } catch (err) {
    await discardUnlinkedAttachments(db, channel.workspaceId, ids);
    throw err;
  }
  if (accepted.duplicate) await discardUnlinkedAttachments(db, channel.workspaceId, ids);
  return accepted;
}
