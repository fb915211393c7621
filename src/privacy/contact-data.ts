import { sql } from 'kysely';
import type { Db } from '../db/schema.js';

/**
 * The contact and every contact merged into it, directly or through a chain of merges: the
 * merged rows still hold the names and addresses they had, so they belong to the same person.
 */
export async function contactFamily(db: Db, workspaceId: string, contactId: string): Promise<string[]> {
  const res = await sql<{ id: string }>`
    WITH RECURSIVE family(id) AS (
      SELECT ${contactId}::uuid
      UNION
      SELECT c.id FROM contacts c JOIN family f ON c.merged_into_id = f.id WHERE c.workspace_id = ${workspaceId}
    )
    SELECT id FROM family`.execute(db);
  return res.rows.map((r) => r.id);
}

/** Conversations the contact started, and those of others where the contact wrote too. */
export async function conversationsOf(db: Db, workspaceId: string, contactIds: string[]): Promise<{ owned: string[]; joined: string[] }> {
  const res = await sql<{ id: string; owned: boolean }>`
    SELECT c.id, c.contact_id = ANY(${contactIds}::uuid[]) AS owned
    FROM conversations c
    WHERE c.workspace_id = ${workspaceId}
      AND (c.contact_id = ANY(${contactIds}::uuid[])
        OR c.id IN (SELECT m.conversation_id FROM messages m WHERE m.workspace_id = ${workspaceId} AND m.contact_id = ANY(${contactIds}::uuid[])))
    ORDER BY c.created_at, c.id`.execute(db);
  return { owned: res.rows.filter((r) => r.owned).map((r) => r.id), joined: res.rows.filter((r) => !r.owned).map((r) => r.id) };
}
