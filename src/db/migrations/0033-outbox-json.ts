import { type Kysely, sql } from 'kysely';

// Events are written once, read once and passed on as they are: nothing queries inside them.
// json keeps the text as written, where jsonb parses every event into its binary form on the way
// in and prints it again on the way out, several times the cost for each stored message.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE outbox ALTER COLUMN data TYPE json USING data::json`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE outbox ALTER COLUMN data TYPE jsonb USING data::jsonb`.execute(db);
}
