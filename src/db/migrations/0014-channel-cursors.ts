import { type Kysely, sql } from 'kysely';

// Pollers (feeds, review portals) remember where they stopped — ETag, Last-Modified, the newest
// review seen — so a restart asks the provider only for what is new. Review portals give a star
// rating that belongs to the customer's message itself.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE channel_cursors (
      channel_id uuid NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
      key text NOT NULL CHECK (length(key) BETWEEN 1 AND 100),
      value text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (channel_id, key)
    )`.execute(db);
  await sql`ALTER TABLE messages ADD COLUMN rating smallint CHECK (rating BETWEEN 1 AND 5)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE messages DROP COLUMN IF EXISTS rating`.execute(db);
  await sql`DROP TABLE IF EXISTS channel_cursors`.execute(db);
}
