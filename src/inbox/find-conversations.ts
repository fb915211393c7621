import { type RawBuilder, sql } from 'kysely';
import { selectConversations, toConversationDto, type ConversationDto } from '../db/conversations.js';
import type { ConversationStatus, Db } from '../db/schema.js';
import { z } from 'zod';
import { decodeCursor, encodeCursor } from '../domain/cursor.js';
import { AppError } from '../domain/errors.js';

export interface ConversationFilter {
  q?: string;
  status?: ConversationStatus[];
  channelId?: string;
  channelType?: string;
  tier?: number;
  teamId?: string;
  /** A user id, or null for unassigned conversations. */
  assigneeId?: string | null;
  label?: string;
  sentiment?: 'negative' | 'neutral' | 'positive';
  category?: string;
  urgent?: boolean;
  contactId?: string;
  since?: string;
  until?: string;
  limit: number;
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const CursorSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('recent'), at: z.iso.datetime({ offset: true }), id: z.uuid() }),
  z.object({ kind: z.literal('ranked'), offset: z.number().int().min(0) }),
]);
type Cursor = z.infer<typeof CursorSchema>;

/** Conditions on the conversation alias `c`, usable in the inbox list and the search candidates alike. */
function conversationConditions(workspaceId: string, f: ConversationFilter): RawBuilder<unknown>[] {
  const conds: RawBuilder<unknown>[] = [sql`c.workspace_id = ${workspaceId}`];
  if (f.status && f.status.length > 0) conds.push(sql`c.status IN (${sql.join(f.status)})`);
  if (f.channelId) conds.push(sql`c.channel_id = ${f.channelId}`);
  if (f.channelType) conds.push(sql`c.channel_id IN (SELECT id FROM channels WHERE workspace_id = ${workspaceId} AND type = ${f.channelType})`);
  if (f.tier !== undefined) conds.push(sql`c.tier = ${f.tier}`);
  if (f.teamId) conds.push(sql`c.team_id = ${f.teamId}`);
  if (f.assigneeId !== undefined) conds.push(f.assigneeId === null ? sql`c.assignee_id IS NULL` : sql`c.assignee_id = ${f.assigneeId}`);
  if (f.contactId) conds.push(sql`c.contact_id = ${f.contactId}`);
  if (f.sentiment) conds.push(sql`c.sentiment = ${f.sentiment}`);
  if (f.category) conds.push(sql`c.category = ${f.category}`);
  if (f.urgent !== undefined) conds.push(sql`c.urgent = ${f.urgent}`);
  if (f.since) conds.push(sql`c.last_message_at >= ${new Date(f.since)}`);
  if (f.until) conds.push(sql`c.last_message_at < ${new Date(f.until)}`);
  if (f.label) {
    conds.push(sql`c.id IN (SELECT cl.conversation_id FROM conversation_labels cl JOIN labels l ON l.id = cl.label_id WHERE l.workspace_id = ${workspaceId} AND l.name = ${f.label})`);
  }
  return conds;
}

/**
 * A search ranks at most this many conversations. A word in a tenth of all conversations
 * would otherwise be ranked hundreds of thousands of times; when matches are that dense, the
 * newest ones are ranked, and a date filter reaches further back.
 */
export const SEARCH_CANDIDATES = 250;

/** How many of the workspace's newest conversations a search reads one by one before it turns to the indexes. */
const RECENT_ROWS = 1_000;
/** Beyond this many seconds a window would not bound anything: the search looks at all activity. */
const LONGEST_WINDOW = 5 * 365 * 86_400;
/** Windows widened this often without enough matches (activity in bursts) give way to all activity. */
const MAX_WINDOWS = 3;

interface Candidates {
  /** Matches found, up to SEARCH_CANDIDATES. */
  n: number;
  ids: string[];
}

/**
 * Conversation ids, best match first, ranked among the newest SEARCH_CANDIDATES matches.
 * A common word has enough matches among the newest conversations, read in inbox order.
 * Otherwise the matches are read through the full-text index intersected with the recency index
 * over a window of recent activity, so a search reads the rows it ranks rather than every match
 * of a word or every conversation of a filtered view. A window with too few matches is widened by
 * what its share of matches says it needs; once it holds enough, the newest matches are all in
 * it. A search with few matches ends with no window.
 */
async function rankedMatches(db: Db, workspaceId: string, where: RawBuilder<unknown>, q: string, offset: number, limit: number): Promise<string[]> {
  const tsq = sql`(websearch_to_tsquery('german', ${q}) || websearch_to_tsquery('english', ${q}))`;
  // How many matches `candidates` holds, and the requested page of them, best match first.
  const ranked = sql`
    (SELECT count(*)::int FROM candidates) AS n,
    ARRAY(SELECT id FROM candidates ORDER BY ts_rank_cd(search, ${tsq}) DESC, last_message_at DESC LIMIT ${limit} OFFSET ${offset}) AS ids`;
  const search = async (trx: Db): Promise<string[]> => {
    // Besides the matches among the newest conversations and how far back those reach, the first
    // statement sets the planner for the windows after it: the planner estimates a word's
    // frequency over all workspaces and assumes the words of a query independent, either of which
    // can make it walk a whole inbox for a few matches, so windows are read through bitmaps only;
    // and the cost it gives the disabled scans would otherwise make it compile every window.
    const recent = await sql<Candidates & { span: number | null }>`
      WITH candidates AS MATERIALIZED (
        SELECT c.id, c.last_message_at, c.search
        FROM (SELECT * FROM conversations WHERE workspace_id = ${workspaceId} ORDER BY last_message_at DESC, id DESC LIMIT ${RECENT_ROWS}) c
        WHERE ${where} AND c.search @@ ${tsq}
        ORDER BY c.last_message_at DESC LIMIT ${SEARCH_CANDIDATES}
      )
      SELECT ${ranked},
        (SELECT extract(epoch FROM now() - last_message_at)::float8 FROM conversations
         WHERE workspace_id = ${workspaceId} ORDER BY last_message_at DESC, id DESC OFFSET ${RECENT_ROWS - 1} LIMIT 1) AS span,
        set_config('enable_indexscan', 'off', true) || set_config('enable_seqscan', 'off', true) || set_config('jit', 'off', true) AS bitmaps_only`.execute(trx);
    const found = recent.rows[0];
    // Enough matches, or a workspace so small that its newest conversations are all of them.
    if (!found || found.n >= SEARCH_CANDIDATES || found.span === null) return found?.ids ?? [];
    let span = found.n > 0 ? wider(Math.max(1, found.span), found.n) : null;
    for (let windows = 1; ; windows++) {
      const window = span === null ? sql`` : sql`AND c.last_message_at >= now() - make_interval(secs => ${span})`;
      const res = await sql<Candidates>`
        WITH candidates AS MATERIALIZED (
          SELECT c.id, c.last_message_at, c.search FROM conversations c
          WHERE ${where} AND c.search @@ ${tsq} ${window}
          ORDER BY c.last_message_at DESC LIMIT ${SEARCH_CANDIDATES}
        )
        SELECT ${ranked}`.execute(trx);
      const { n, ids } = res.rows[0] ?? { n: 0, ids: [] };
      if (span === null || n >= SEARCH_CANDIDATES) return ids;
      span = n === 0 || windows === MAX_WINDOWS ? null : wider(span, n);
    }
  };
  if (!db.isTransaction) return db.transaction().execute(search);
  try {
    return await search(db);
  } finally {
    await sql`RESET enable_indexscan`.execute(db);
    await sql`RESET enable_seqscan`.execute(db);
    await sql`RESET jit`.execute(db);
  }
}

/** The window, in seconds back from now, that should hold enough matches where `span` held `n`; null for no window. */
function wider(span: number, n: number): number | null {
  const next = Math.ceil(span * Math.max(2, (1.5 * SEARCH_CANDIDATES) / n));
  return next > LONGEST_WINDOW ? null : next;
}

/** Counting stops here: a view with more shows "10,000+", and the count stays fast on any inbox. */
export const COUNT_CAP = 10_000;

/** How many conversations a view holds, up to COUNT_CAP; search terms are not counted. */
export async function countConversations(db: Db, workspaceId: string, f: Omit<ConversationFilter, 'q' | 'limit' | 'cursor'>): Promise<{ count: number; more: boolean }> {
  const where = sql.join(conversationConditions(workspaceId, { ...f, limit: 0 }), sql` AND `);
  const res = await sql<{ n: number }>`SELECT count(*)::int AS n FROM (SELECT 1 FROM conversations c WHERE ${where} LIMIT ${COUNT_CAP + 1}) capped`.execute(db);
  const n = res.rows[0]?.n ?? 0;
  return { count: Math.min(n, COUNT_CAP), more: n > COUNT_CAP };
}

/** The inbox: newest activity first, or best match first when searching. */
export async function findConversations(db: Db, workspaceId: string, f: ConversationFilter): Promise<Page<ConversationDto>> {
  const cursor = f.cursor ? decodeCursor(f.cursor, CursorSchema) : undefined;
  const where = sql.join(conversationConditions(workspaceId, f), sql` AND `);
  const query = selectConversations(db).where(sql<boolean>`${where}`);

  if (f.q && f.q.trim().length > 0) {
    if (cursor && cursor.kind !== 'ranked') throw new AppError('invalid', 'The cursor belongs to a list without search.', { field: 'cursor' });
    const offset = cursor?.offset ?? 0;
    const ranked = await rankedMatches(db, workspaceId, where, f.q, offset, f.limit + 1);
    const rows = ranked.length === 0 ? [] : await selectConversations(db).where('c.workspaceId', '=', workspaceId).where('c.id', 'in', ranked).execute();
    const order = new Map(ranked.map((id, i) => [id, i]));
    rows.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
    const more = rows.length > f.limit;
    return {
      items: rows.slice(0, f.limit).map(toConversationDto),
      nextCursor: more ? encodeCursor({ kind: 'ranked', offset: offset + f.limit } satisfies Cursor) : null,
    };
  }

  let listQuery = query;
  if (cursor) {
    if (cursor.kind !== 'recent') throw new AppError('invalid', 'The cursor belongs to a search.', { field: 'cursor' });
    listQuery = listQuery.where(sql<boolean>`(c.last_message_at, c.id) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)`);
  }
  const rows = await listQuery.orderBy('c.lastMessageAt', 'desc').orderBy('c.id', 'desc').limit(f.limit + 1).execute();
  const more = rows.length > f.limit;
  const items = rows.slice(0, f.limit).map(toConversationDto);
  const last = items[items.length - 1];
  return { items, nextCursor: more && last ? encodeCursor({ kind: 'recent', at: last.lastMessageAt, id: last.id } satisfies Cursor) : null };
}
