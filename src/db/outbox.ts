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

/**
 * Claims the oldest unpublished rows and marks them published, in one statement. Called in a
 * transaction that commits only after the bus took the events: if publishing fails the marks
 * roll back. SKIP LOCKED lets several dispatchers share the table.
 */
export async function claimForPublishing(db: Db, limit: number): Promise<OutboxRow[]> {
  const rows = await sql<OutboxRow>`
    UPDATE outbox SET published_at = now()
    WHERE id IN (SELECT id FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING id, type, workspace_id AS "workspaceId", data, created_at AS "createdAt"`.execute(db);
  // RETURNING keeps no order; events go out in the order they were written.
  return rows.rows.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
}

/** Published rows are kept for a day for inspection, then removed. */
export async function prunePublished(db: Db, olderThanHours = 24): Promise<number> {
  const res = await db
    .deleteFrom('outbox')
    .where('publishedAt', '<', sql<Date>`now() - make_interval(hours => ${olderThanHours})`)
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}
