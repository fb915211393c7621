import { type Kysely, sql } from 'kysely';

// What the language understanding finds in each message, and the conversation's latest reading
// of its customer, so the inbox can filter and sort on it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE messages
      ADD COLUMN language text,
      ADD COLUMN sentiment text CHECK (sentiment IN ('negative', 'neutral', 'positive')),
      ADD COLUMN sentiment_score real,
      ADD COLUMN category text,
      ADD COLUMN urgent boolean NOT NULL DEFAULT false,
      ADD COLUMN urgent_reasons text[] NOT NULL DEFAULT '{}',
      ADD COLUMN pii jsonb NOT NULL DEFAULT '[]'`.execute(db);
  await sql`
    ALTER TABLE conversations
      ADD COLUMN language text,
      ADD COLUMN sentiment text CHECK (sentiment IN ('negative', 'neutral', 'positive')),
      ADD COLUMN category text,
      ADD COLUMN urgent boolean NOT NULL DEFAULT false`.execute(db);
  await sql`CREATE INDEX conversations_sentiment ON conversations (workspace_id, sentiment, last_message_at DESC)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS conversations_sentiment`.execute(db);
  await sql`ALTER TABLE conversations DROP COLUMN language, DROP COLUMN sentiment, DROP COLUMN category, DROP COLUMN urgent`.execute(db);
  await sql`ALTER TABLE messages DROP COLUMN language, DROP COLUMN sentiment, DROP COLUMN sentiment_score, DROP COLUMN category, DROP COLUMN urgent, DROP COLUMN urgent_reasons, DROP COLUMN pii`.execute(db);
}
