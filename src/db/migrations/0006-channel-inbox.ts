import { type Kysely, sql } from 'kysely';

// "By channel" is one of the inbox's standard views; it gets its own ordered index.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX conversations_channel ON conversations (workspace_id, channel_id, last_message_at DESC, id DESC)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS conversations_channel`.execute(db);
}
