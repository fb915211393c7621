import { sql } from 'kysely';
import { selectConversations, toConversationDto, type ConversationDto } from '../db/conversations.js';
import type { ConversationStatus, Db } from '../db/schema.js';
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

type Cursor = { kind: 'recent'; at: string; id: string } | { kind: 'ranked'; offset: number };

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function decodeCursor(raw: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Cursor;
    if (c.kind === 'recent' && typeof c.at === 'string' && typeof c.id === 'string' && !Number.isNaN(Date.parse(c.at))) return c;
    if (c.kind === 'ranked' && Number.isInteger(c.offset) && c.offset >= 0) return c;
  } catch {
    // fall through to the error below
  }
  throw new AppError('invalid', 'The cursor is not one this API handed out.', { field: 'cursor' });
}

/** The inbox: newest activity first, or best match first when searching. */
export async function findConversations(db: Db, workspaceId: string, f: ConversationFilter): Promise<Page<ConversationDto>> {
  const cursor = f.cursor ? decodeCursor(f.cursor) : undefined;
  let query = selectConversations(db).where('c.workspaceId', '=', workspaceId);
  if (f.status && f.status.length > 0) query = query.where('c.status', 'in', f.status);
  if (f.channelId) query = query.where('c.channelId', '=', f.channelId);
  if (f.channelType) {
    const type = f.channelType;
    query = query.where('c.channelId', 'in', (eb) => eb.selectFrom('channels').select('id').where('workspaceId', '=', workspaceId).where('type', '=', type));
  }
  if (f.tier !== undefined) query = query.where('c.tier', '=', f.tier);
  if (f.teamId) query = query.where('c.teamId', '=', f.teamId);
  if (f.assigneeId !== undefined) query = f.assigneeId === null ? query.where('c.assigneeId', 'is', null) : query.where('c.assigneeId', '=', f.assigneeId);
  if (f.contactId) query = query.where('c.contactId', '=', f.contactId);
  if (f.since) query = query.where('c.lastMessageAt', '>=', new Date(f.since));
  if (f.until) query = query.where('c.lastMessageAt', '<', new Date(f.until));
  if (f.label) {
    const label = f.label;
    query = query.where('c.id', 'in', (eb) =>
      eb
        .selectFrom('conversationLabels as cl')
        .innerJoin('labels as l', 'l.id', 'cl.labelId')
        .select('cl.conversationId')
        .where('l.workspaceId', '=', workspaceId)
        .where('l.name', '=', label),
    );
  }

  if (f.q && f.q.trim().length > 0) {
    if (cursor && cursor.kind !== 'ranked') throw new AppError('invalid', 'The cursor belongs to a list without search.', { field: 'cursor' });
    const offset = cursor?.offset ?? 0;
    const tsq = sql`(websearch_to_tsquery('german', ${f.q}) || websearch_to_tsquery('english', ${f.q}))`;
    const rows = await query
      .innerJoin(
        (eb) =>
          eb
            .selectFrom('messages as m')
            .select(['m.conversationId', sql<number>`max(ts_rank_cd(m.search, ${tsq}))`.as('rank')])
            .where('m.workspaceId', '=', workspaceId)
            .where(sql<boolean>`m.search @@ ${tsq}`)
            .groupBy('m.conversationId')
            .as('hits'),
        (join) => join.onRef('hits.conversationId', '=', 'c.id'),
      )
      .orderBy('hits.rank', 'desc')
      .orderBy('c.lastMessageAt', 'desc')
      .limit(f.limit + 1)
      .offset(offset)
      .execute();
    const more = rows.length > f.limit;
    return {
      items: rows.slice(0, f.limit).map(toConversationDto),
      nextCursor: more ? encodeCursor({ kind: 'ranked', offset: offset + f.limit }) : null,
    };
  }

  if (cursor) {
    if (cursor.kind !== 'recent') throw new AppError('invalid', 'The cursor belongs to a search.', { field: 'cursor' });
    query = query.where(sql<boolean>`(c.last_message_at, c.id) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)`);
  }
  const rows = await query.orderBy('c.lastMessageAt', 'desc').orderBy('c.id', 'desc').limit(f.limit + 1).execute();
  const more = rows.length > f.limit;
  const items = rows.slice(0, f.limit).map(toConversationDto);
  const last = items[items.length - 1];
  return { items, nextCursor: more && last ? encodeCursor({ kind: 'recent', at: last.lastMessageAt, id: last.id }) : null };
}
