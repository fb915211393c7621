import { sql } from 'kysely';
import type { Db } from '../db/schema.js';
import { DEFAULT_REVIEW_RESPONSE_TARGETS, type ReviewResponseTargets } from '../domain/review-response-targets.js';

export async function getResponseTargets(db: Db, workspaceId: string): Promise<ReviewResponseTargets> {
  const row = await db.selectFrom('reviewSettings').select('responseTargets').where('workspaceId', '=', workspaceId).executeTakeFirst();
  return row?.responseTargets ?? DEFAULT_REVIEW_RESPONSE_TARGETS;
}

export async function saveResponseTargets(db: Db, workspaceId: string, targets: ReviewResponseTargets): Promise<ReviewResponseTargets> {
  await db
    .insertInto('reviewSettings')
    .values({ workspaceId, responseTargets: JSON.stringify(targets) })
    .onConflict((oc) => oc.column('workspaceId').doUpdateSet({ responseTargets: JSON.stringify(targets), updatedAt: sql<Date>`now()` }))
    .execute();
  return targets;
}
