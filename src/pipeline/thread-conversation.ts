import { sql } from 'kysely';
import type { Conversation, Db } from '../db/schema.js';
import type { InboundMessage } from './inbound.js';

/** Without a threading key, a message within this many days continues the contact's last conversation on the channel. */
export const REOPEN_WINDOW_DAYS = 7;

export interface Threaded {
  conversation: Conversation;
  created: boolean;
  reopened: boolean;
}

export async function threadConversation(
  trx: Db,
  channel: { id: string; workspaceId: string },
  contactId: string,
  msg: InboundMessage,
): Promise<Threaded> {
  const existing = msg.threadKey
    ? await trx.selectFrom('conversations').selectAll().where('channelId', '=', channel.id).where('threadKey', '=', msg.threadKey).forUpdate().executeTakeFirst()
    : await trx
        .selectFrom('conversations')
        .selectAll()
        .where('channelId', '=', channel.id)
        .where('contactId', '=', contactId)
        .where('threadKey', 'is', null)
        .where('status', '!=', 'closed')
        .where('lastMessageAt', '>', sql<Date>`now() - make_interval(days => ${REOPEN_WINDOW_DAYS})`)
        .orderBy('lastMessageAt', 'desc')
        .limit(1)
        .forUpdate()
        .executeTakeFirst();
  if (existing) {
    return { conversation: existing, created: false, reopened: existing.status !== 'open' };
  }
  const inserted = await trx
    .insertInto('conversations')
    .values({
      workspaceId: channel.workspaceId,
      channelId: channel.id,
      contactId,
      subject: msg.subject ?? null,
      threadKey: msg.threadKey ?? null,
      visibility: msg.visibility ?? 'private',
    })
    .onConflict((oc) => oc.columns(['channelId', 'threadKey']).where('threadKey', 'is not', null).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) return { conversation: inserted, created: true, reopened: false };
  // A concurrent delivery opened the same thread first.
  const winner = await trx
    .selectFrom('conversations')
    .selectAll()
    .where('channelId', '=', channel.id)
    .where('threadKey', '=', msg.threadKey ?? '')
    .forUpdate()
    .executeTakeFirstOrThrow();
  return { conversation: winner, created: false, reopened: winner.status !== 'open' };
}
