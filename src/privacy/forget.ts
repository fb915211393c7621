import { sql } from 'kysely';
import type { Db } from '../db/schema.js';

/** Removes outbox events that carry any of the ids: a contact's, its conversations' or its messages'. */
export async function deleteOutboxEventsMentioning(db: Db, workspaceId: string, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const res = await db
    .deleteFrom('outbox')
    .where('workspaceId', '=', workspaceId)
    .where(sql<boolean>`EXISTS (SELECT 1 FROM unnest(${ids}::text[]) AS i(id) WHERE outbox.data::text LIKE '%' || i.id || '%')`)
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}

/** Deleted mentions also leave the alerts that showed them as top posts. */
export async function forgetMentionsInAlerts(db: Db, workspaceId: string, mentionIds: string[]): Promise<void> {
  if (mentionIds.length === 0) return;
  await sql`
    UPDATE listening_alerts SET top_mention_ids = ARRAY(SELECT x FROM unnest(top_mention_ids) x WHERE NOT x = ANY(${mentionIds}::uuid[]))
    WHERE workspace_id = ${workspaceId} AND top_mention_ids && ${mentionIds}::uuid[]`.execute(db);
}
