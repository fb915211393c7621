import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { CONVERSATION_COLUMNS } from '../db/conversations.js';
import type { Conversation, Db, Visibility } from '../db/schema.js';

/** Without a threading key, a message within this many days continues the contact's last conversation on the channel. */
export const REOPEN_WINDOW_DAYS = 7;

/** Thrown when another transaction opened the same thread at the same moment; the caller retries. */
export class ThreadRace extends Error {}

export interface ThreadRequest {
  workspaceId: string;
  channelId: string;
  contactId: string;
  threadKey: string | null;
  subject: string | null;
  visibility: Visibility;
}

export interface Threaded {
  conversation: Conversation;
  created: boolean;
}

function threadOf(r: ThreadRequest): string {
  return r.threadKey === null ? `contact\0${r.channelId}\0${r.contactId}` : `key\0${r.channelId}\0${r.threadKey}`;
}

/**
 * Finds each message's conversation — the channel's thread key, or the contact's recent
 * conversation on that channel (a resolved one reopens, a closed one does not) — or opens one.
 * Messages of one batch that belong to the same thread share one conversation.
 */
export async function threadConversations(trx: Db, requests: ThreadRequest[]): Promise<Threaded[]> {
  const keyed = requests.filter((r) => r.threadKey !== null);
  const loose = requests.filter((r) => r.threadKey === null);
  const found = new Map<string, Conversation>();
  if (keyed.length > 0) {
    const rows = await trx
      .selectFrom('conversations')
      .select(CONVERSATION_COLUMNS)
      .where(sql<boolean>`(channel_id, thread_key) IN (SELECT * FROM unnest(${keyed.map((r) => r.channelId)}::uuid[], ${keyed.map((r) => r.threadKey ?? '')}::text[]))`)
      .execute();
    for (const c of rows) found.set(`key\0${c.channelId}\0${c.threadKey}`, c);
  }
  if (loose.length > 0) {
    const rows = await trx
      .selectFrom('conversations')
      .select(CONVERSATION_COLUMNS)
      .distinctOn(['channelId', 'contactId'])
      .where(sql<boolean>`(channel_id, contact_id) IN (SELECT * FROM unnest(${loose.map((r) => r.channelId)}::uuid[], ${loose.map((r) => r.contactId)}::uuid[]))`)
      .where('threadKey', 'is', null)
      .where('status', '!=', 'closed')
      .where('lastMessageAt', '>', sql<Date>`now() - make_interval(days => ${REOPEN_WINDOW_DAYS})`)
      .orderBy('channelId')
      .orderBy('contactId')
      .orderBy('lastMessageAt', 'desc')
      .execute();
    for (const c of rows) found.set(`contact\0${c.channelId}\0${c.contactId}`, c);
  }

  const opened = new Map<string, { id: string; request: ThreadRequest }>();
  for (const r of requests) {
    const t = threadOf(r);
    if (!found.has(t) && !opened.has(t)) opened.set(t, { id: randomUUID(), request: r });
  }
  if (opened.size > 0) {
    const values = [...opened.values()].map(({ id, request: r }) => ({
      id,
      workspaceId: r.workspaceId,
      channelId: r.channelId,
      contactId: r.contactId,
      subject: r.subject,
      threadKey: r.threadKey,
      visibility: r.visibility,
    }));
    const inserted = await trx
      .insertInto('conversations')
      .values(values)
      .onConflict((oc) => oc.columns(['channelId', 'threadKey']).where('threadKey', 'is not', null).doNothing())
      .returning(CONVERSATION_COLUMNS)
      .execute();
    if (inserted.length < values.length) throw new ThreadRace();
    for (const c of inserted) found.set(c.threadKey === null ? `contact\0${c.channelId}\0${c.contactId}` : `key\0${c.channelId}\0${c.threadKey}`, c);
  }
  const createdIds = new Set([...opened.values()].map((o) => o.id));
  return requests.map((r) => {
    const conversation = found.get(threadOf(r));
    if (!conversation) throw new ThreadRace();
    return { conversation, created: createdIds.has(conversation.id) };
  });
}
