import { type Kysely, sql } from 'kysely';
import { recordAudit } from '../db/audit-log.js';
import type { Database, Db } from '../db/schema.js';
import { trainWorkspace } from '../db/workspace-learning.js';
import { deleteOutboxEventsMentioning, forgetMentionsInAlerts } from './forget.js';

export interface RetentionSettings {
  /** Conversations without activity for this many days go; null keeps them. */
  conversationDays: number | null;
  conversationAction: 'delete' | 'anonymise';
  /** Mentions posted more than this many days ago are deleted; null keeps them. */
  mentionDays: number | null;
}

export interface RetentionCounts {
  conversations: number;
  messages: number;
  mentions: number;
}

/** What anonymised messages say from now on. */
export const ANONYMISED_TEXT = '[anonymised]';

/** Conversations handled per transaction, so a first run on a large workspace never holds long locks. */
const BATCH = 500;

const DAY_MS = 86_400_000;

export async function getRetention(db: Db, workspaceId: string): Promise<RetentionSettings> {
  const row = await db.selectFrom('workspaceRetention').select(['conversationDays', 'conversationAction', 'mentionDays']).where('workspaceId', '=', workspaceId).executeTakeFirst();
  return row ?? { conversationDays: null, conversationAction: 'delete', mentionDays: null };
}

export async function setRetention(db: Db, workspaceId: string, s: RetentionSettings): Promise<RetentionSettings> {
  await db
    .insertInto('workspaceRetention')
    .values({ workspaceId, ...s })
    .onConflict((oc) => oc.column('workspaceId').doUpdateSet({ ...s, updatedAt: sql<Date>`now()` }))
    .execute();
  return s;
}

const cutoff = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS);

/** Conversations due under the settings; anonymised ones (already with the stand-in) are due again only for deletion. */
function dueConversations(db: Db, workspaceId: string, days: number, action: RetentionSettings['conversationAction'], now: Date) {
  const due = db.selectFrom('conversations as c').where('c.workspaceId', '=', workspaceId).where('c.lastMessageAt', '<', cutoff(now, days));
  if (action === 'delete') return due;
  return due.where(({ eb, selectFrom }) =>
    eb('c.contactId', 'not in', selectFrom('workspaceRetention').select('anonymousContactId').where('workspaceId', '=', workspaceId).where('anonymousContactId', 'is not', null)),
  );
}

/** What the settings would remove now: shown to the admin before (and after) saving them. */
export async function previewRetention(db: Db, workspaceId: string, s: RetentionSettings, now = new Date()): Promise<RetentionCounts> {
  const due = s.conversationDays === null ? null : dueConversations(db, workspaceId, s.conversationDays, s.conversationAction, now);
  const conversations = due ? await due.select(({ fn }) => [fn.countAll<string>().as('n'), fn.sum<string>('c.messageCount').as('m')]).executeTakeFirstOrThrow() : { n: 0, m: 0 };
  // Mentions go by age, and with the conversation whose message they quote.
  const mentions =
    s.mentionDays === null && !due
      ? { n: 0 }
      : await db
          .selectFrom('mentions')
          .select(({ fn }) => fn.countAll<string>().as('n'))
          .where('workspaceId', '=', workspaceId)
          .where((eb) =>
            eb.or([
              ...(s.mentionDays !== null ? [eb('postedAt', '<', cutoff(now, s.mentionDays))] : []),
              ...(due ? [eb('messageId', 'in', eb.selectFrom('messages').select('messages.id').where('messages.conversationId', 'in', due.select('c.id')))] : []),
            ]),
          )
          .executeTakeFirstOrThrow();
  return { conversations: Number(conversations.n), messages: Number(conversations.m ?? 0), mentions: Number(mentions.n) };
}

/** The scheduled job: applies every workspace's retention; returns how many items went. */
export async function applyRetention(db: Kysely<Database>, now = new Date()): Promise<number> {
  const workspaces = await db
    .selectFrom('workspaceRetention')
    .select(['workspaceId', 'conversationDays', 'conversationAction', 'mentionDays'])
    .where((eb) => eb.or([eb('conversationDays', 'is not', null), eb('mentionDays', 'is not', null)]))
    .execute();
  let total = 0;
  for (const w of workspaces) {
    const counts = await applyWorkspaceRetention(db, w.workspaceId, w, now);
    total += counts.conversations + counts.mentions;
  }
  return total;
}

export async function applyWorkspaceRetention(db: Kysely<Database>, workspaceId: string, s: RetentionSettings, now = new Date()): Promise<RetentionCounts> {
  const counts: RetentionCounts = { conversations: 0, messages: 0, mentions: 0 };
  for (;;) {
    const batch = await db.transaction().execute(async (trx) => {
      const done = { conversations: 0, messages: 0, mentions: 0 };
      if (s.conversationDays !== null) {
        const ids = (await dueConversations(trx, workspaceId, s.conversationDays, s.conversationAction, now).select('c.id').orderBy('c.lastMessageAt').limit(BATCH).forUpdate().skipLocked().execute()).map((r) => r.id);
        if (ids.length > 0) {
          done.conversations = ids.length;
          const r = s.conversationAction === 'delete' ? await deleteConversations(trx, workspaceId, ids) : await anonymiseConversations(trx, workspaceId, ids);
          done.messages = r.messages;
          done.mentions += r.mentions;
        }
      }
      if (s.mentionDays !== null) {
        const gone = await trx
          .deleteFrom('mentions')
          .where('id', 'in', (eb) => eb.selectFrom('mentions').select('id').where('workspaceId', '=', workspaceId).where('postedAt', '<', cutoff(now, s.mentionDays ?? 0)).limit(BATCH))
          .returning('id')
          .execute();
        await forgetMentionsInAlerts(trx, workspaceId, gone.map((m) => m.id));
        done.mentions += gone.length;
      }
      if (done.conversations + done.mentions > 0) {
        await recordAudit(trx, workspaceId, { type: 'system', id: null }, { action: 'retention.applied', targetType: 'workspace', targetId: workspaceId, metadata: { ...done, action: s.conversationAction } });
      }
      return done;
    });
    counts.conversations += batch.conversations;
    counts.messages += batch.messages;
    counts.mentions += batch.mentions;
    if (batch.conversations < BATCH && batch.mentions < BATCH) return counts;
  }
}

async function messagesOf(trx: Db, workspaceId: string, conversationIds: string[]): Promise<string[]> {
  return (await trx.selectFrom('messages').select('id').where('workspaceId', '=', workspaceId).where('conversationId', 'in', conversationIds).execute()).map((m) => m.id);
}

/** Mentions, corrections and events that carried the conversations' messages go with them. */
async function forgetMessages(trx: Db, workspaceId: string, conversationIds: string[], messageIds: string[]): Promise<number> {
  let mentions = 0;
  if (messageIds.length > 0) {
    const gone = await trx.deleteFrom('mentions').where('workspaceId', '=', workspaceId).where('messageId', 'in', messageIds).returning('id').execute();
    await forgetMentionsInAlerts(trx, workspaceId, gone.map((m) => m.id));
    mentions = gone.length;
    const corrections = await trx.deleteFrom('labelCorrections').where('workspaceId', '=', workspaceId).where('messageId', 'in', messageIds).executeTakeFirst();
    if (Number(corrections.numDeletedRows) > 0) await trainWorkspace(trx, workspaceId);
  }
  await deleteOutboxEventsMentioning(trx, workspaceId, [...conversationIds, ...messageIds]);
  return mentions;
}

async function deleteConversations(trx: Db, workspaceId: string, ids: string[]): Promise<{ messages: number; mentions: number }> {
  const messageIds = await messagesOf(trx, workspaceId, ids);
  const mentions = await forgetMessages(trx, workspaceId, ids, messageIds);
  await trx.deleteFrom('conversations').where('workspaceId', '=', workspaceId).where('id', 'in', ids).execute();
  return { messages: messageIds.length, mentions };
}

/**
 * Keeps what statistics need (channel, times, status, priority, tier, team, assignee, labels,
 * service levels, classifications) and removes every word and every link to the person: texts,
 * attachments, personal-data spans, subject, preview, search words, sender and thread ids, and
 * the history entries that hold free text or name the customer. The conversation is handed to
 * the workspace's stand-in contact.
 */
async function anonymiseConversations(trx: Db, workspaceId: string, ids: string[]): Promise<{ messages: number; mentions: number }> {
  const messageIds = await messagesOf(trx, workspaceId, ids);
  const mentions = await forgetMessages(trx, workspaceId, ids, messageIds);
  const standIn = await anonymousContact(trx, workspaceId);
  await trx
    .updateTable('messages')
    .set({ text: ANONYMISED_TEXT, html: null, attachments: '[]', pii: '[]', contactId: null, externalId: null, urgentReasons: [], deliveryError: null })
    .where('workspaceId', '=', workspaceId)
    .where('conversationId', 'in', ids)
    .execute();
  await trx
    .updateTable('conversations')
    .set({ contactId: standIn, subject: null, preview: '', search: '', threadKey: null, updatedAt: sql<Date>`now()` })
    .where('workspaceId', '=', workspaceId)
    .where('id', 'in', ids)
    .execute();
  await trx
    .deleteFrom('conversationEvents')
    .where('workspaceId', '=', workspaceId)
    .where('conversationId', 'in', ids)
    .where((eb) => eb.or([eb('actorType', '=', 'contact'), eb('type', '=', 'handover')]))
    .execute();
  // Ratings stay for the statistics; the customer's own words and the link to them go.
  await trx.updateTable('csatSurveys').set({ contactId: standIn, comment: null }).where('workspaceId', '=', workspaceId).where('conversationId', 'in', ids).execute();
  return { messages: messageIds.length, mentions };
}

/** The workspace's one nameless contact that anonymised conversations belong to. */
async function anonymousContact(trx: Db, workspaceId: string): Promise<string> {
  const current = await trx.selectFrom('workspaceRetention').select('anonymousContactId').where('workspaceId', '=', workspaceId).forUpdate().executeTakeFirst();
  if (current?.anonymousContactId) return current.anonymousContactId;
  const created = await trx
    .insertInto('contacts')
    .values({ workspaceId, name: null, attributes: JSON.stringify({ anonymised: true }) })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.updateTable('workspaceRetention').set({ anonymousContactId: created.id }).where('workspaceId', '=', workspaceId).execute();
  return created.id;
}
