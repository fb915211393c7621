import { sql } from 'kysely';
import type { Db } from './schema.js';

export interface EventInput {
  type: string;
  workspaceId: string | null;
  data: Record<string, unknown>;
}

/** Written in the same transaction as the change it announces, so no change goes unannounced. */
export async function enqueueEvents(db: Db, events: EventInput[]): Promise<void> {
  if (events.length === 0) return;
  await db
    .insertInto('outbox')
    .values(events.map((e) => ({ type: e.type, workspaceId: e.workspaceId, data: JSON.stringify(e.data) })))
    .execute();
}

export interface OutboxRow {
  id: string;
  type: string;
  workspaceId: string | null;
  data: Record<string, unknown>;
  createdAt: Date;
}

/** Claims the oldest unpublished rows; SKIP LOCKED lets several dispatchers share the table. */
export async function claimPending(db: Db, limit: number): Promise<OutboxRow[]> {
  return db
    .selectFrom('outbox')
    .select(['id', 'type', 'workspaceId', 'data', 'createdAt'])
    .where('publishedAt', 'is', null)
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

export async function markPublished(db: Db, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('outbox').set({ publishedAt: sql<Date>`now()` }).where('id', 'in', ids).execute();
}

/** Published rows are kept for a day for inspection, then removed. */
export async function prunePublished(db: Db, olderThanHours = 24): Promise<number> {
  const res = await db
    .deleteFrom('outbox')
    .where('publishedAt', '<', sql<Date>`now() - make_interval(hours => ${olderThanHours})`)
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}
