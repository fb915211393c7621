import type { Kysely } from 'kysely';
import { discardUnlinkedAttachments, storeAttachments } from '../../db/attachments.js';
import { findMessageByExternalId } from '../../db/messages.js';
import type { Database } from '../../db/schema.js';
import type { Accepted, InboundChannel } from '../../pipeline/accept-inbound.js';
import type { IngestBatcher } from '../../pipeline/ingest-batcher.js';
import type { InboundMessage } from '../../pipeline/inbound.js';
import type { ParsedMail } from './parse-mail.js';
import { mailThreadKey } from './thread-mail.js';

export interface MailIntake {
  db: Kysely<Database>;
  ingest: IngestBatcher;
  /** Signs and checks reply addresses. */
  tokenKey: Buffer;
  afterCommit(): void;
}

/**
 * Hands one mail for one channel to the ingestion path, with its files. Resolves only once
 * the message is committed; the same Message-ID again is answered from what was stored.
 */
export async function receiveMail(intake: MailIntake, channel: InboundChannel, mail: ParsedMail, replyToken: string | null): Promise<Accepted> {
  // Files are stored before the message: a repeated delivery is caught first so they are not
  // stored again. Without files the ingestion path's own duplicate check is enough.
  if (mail.attachments.length > 0) {
    const known = await findMessageByExternalId(intake.db, channel.id, mail.externalId);
    if (known) return { messageId: known.id, conversationId: known.conversationId, duplicate: true };
  }
  const threadKey = await mailThreadKey(intake.db, intake.tokenKey, channel, mail, replyToken);
  const attachments = await storeAttachments(intake.db, channel.workspaceId, mail.attachments);
  const msg: InboundMessage = {
    externalId: mail.externalId,
    from: { id: mail.from.address, email: mail.from.address, ...(mail.from.name && { name: mail.from.name }) },
    text: mail.text,
    ...(mail.html && { html: mail.html }),
    ...(mail.subject && { subject: mail.subject }),
    threadKey,
    ...(mail.sentAt && { sentAt: mail.sentAt }),
    visibility: 'private',
    attachments,
  };
  const ids = attachments.map((a) => a.id);
  let accepted: Accepted;
  try {
    accepted = await intake.ingest.accept(channel, msg);
  } catch (err) {
    await discardUnlinkedAttachments(intake.db, channel.workspaceId, ids);
    throw err;
  }
  // A delivery that raced this one stored the message (and its own copies of the files).
  if (accepted.duplicate) await discardUnlinkedAttachments(intake.db, channel.workspaceId, ids);
  else intake.afterCommit();
  return accepted;
}
