import { sql } from 'kysely';
import { emailIdentity } from '../../db/identities.js';
import type { Db } from '../../db/schema.js';
import type { ParsedMail } from './parse-mail.js';
import { verifyReplyToken } from './reply-token.js';

export interface MailChannel {
  id: string;
  workspaceId: string;
}

/**
 * The thread key of the conversation a mail continues, or of a new one (its own Message-ID).
 * A mail joins a conversation only by a reply address Parley signed, or by naming a message
 * of that conversation while coming from the conversation's own contact: a made-up
 * In-Reply-To can never put a stranger into someone else's thread.
 */
export async function mailThreadKey(db: Db, tokenKey: Buffer, channel: MailChannel, mail: ParsedMail, replyToken: string | null): Promise<string> {
  const signed = replyToken ? verifyReplyToken(tokenKey, channel.id, replyToken) : null;
  if (signed) {
    const c = await db
      .selectFrom('conversations')
      .select('threadKey')
      .where('workspaceId', '=', channel.workspaceId)
      .where('channelId', '=', channel.id)
      .where('id', '=', signed)
      .executeTakeFirst();
    if (c?.threadKey) return c.threadKey;
  }
  if (mail.references.length > 0) {
    const sender = emailIdentity(mail.from.address);
    const known = await db
      .selectFrom('messages as m')
      .innerJoin('conversations as c', 'c.id', 'm.conversationId')
      .select('c.threadKey')
      .where('m.channelId', '=', channel.id)
      .where('m.externalId', 'in', mail.references)
      .where('c.threadKey', 'is not', null)
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom('contactIdentities as ci')
            .select(sql`1`.as('one'))
            .whereRef('ci.contactId', '=', 'c.contactId')
            .where('ci.workspaceId', '=', channel.workspaceId)
            .where('ci.kind', '=', sender.kind)
            .where('ci.value', '=', sender.value),
        ),
      )
      .orderBy('m.createdAt', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (known?.threadKey) return known.threadKey;
  }
  return mail.externalId;
}
