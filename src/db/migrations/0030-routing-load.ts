import { type Kysely, sql } from 'kysely';

// Every assignment round counts each agent's open and pending conversations per channel. Read through
// the assignee index, that count walked every conversation an agent ever had, resolved and closed
// ones included, growing with the workspace's history; this index holds only the open work.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX conversations_open_load ON conversations (workspace_id, assignee_id, channel_id) WHERE assignee_id IS NOT NULL AND status IN ('open', 'pending')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS conversations_open_load`.execute(db);
}
