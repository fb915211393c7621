import { sql } from 'kysely';
import type { Db } from '../db/schema.js';

/**
 * A user belongs to the departments of the teams they are a member of: a team's kind (service,
 * marketing, sales …) is its department. Compared in lower case, as ownership rules store them.
 */
export async function userDepartments(db: Db, workspaceId: string, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('teamMembers as tm')
    .innerJoin('teams as t', 't.id', 'tm.teamId')
    .select(sql<string>`lower(t.kind)`.as('department'))
    .distinct()
    .where('t.workspaceId', '=', workspaceId)
    .where('tm.userId', '=', userId)
    .execute();
  return rows.map((r) => r.department).sort();
}
