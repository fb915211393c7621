import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Accepted, InboundChannel } from '../../pipeline/accept-inbound.js';
import { acceptWithFiles } from '../../pipeline/accept-with-files.js';
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
  const threadKey = await mailThreadKey(intake.db, intake.tokenKey, channel, mail, replyToken);
  const msg: InboundMessage = {
    externalId: mail.externalId,
    from: { id: mail.from.address, email: mail.from.address, ...(mail.from.name && { name: mail.from.name }) },
    text: mail.text,
    ...(mail.html && { html: mail.html }),
    ...(mail.subject && { subject: mail.subject }),
    threadKey,
    ...(mail.sentAt && { sentAt: mail.sentAt }),
    visibility: 'private',
  };
  const accepted = await acceptWithFiles(intake.db, intake.ingest, channel, msg, mail.attachments);
  if (!accepted.duplicate) intake.afterCommit();
  return accepted;
}
