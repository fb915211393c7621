import { type Kysely, sql } from 'kysely';

// Search moves from single messages to whole conversations: the inbox returns conversations,
// one index entry per conversation is five times fewer than per message, and the filters of
// the inbox sit on the same row. The message-level vector and its index go.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE conversations ADD COLUMN search tsvector NOT NULL DEFAULT ''`.execute(db);
  // One definition of what a text adds to a conversation's vector: the subject weighs most,
  // the words are stemmed as German and as English.
  await sql`
    CREATE FUNCTION search_vector(subject text, body text) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT setweight(to_tsvector('german', coalesce(subject, '')) || to_tsvector('english', coalesce(subject, '')), 'A')
          || to_tsvector('german', coalesce(body, '')) || to_tsvector('english', coalesce(body, ''))
    $$`.execute(db);
  await sql`
    UPDATE conversations c SET search = search_vector(c.subject, (SELECT string_agg(m.text, ' ') FROM messages m WHERE m.conversation_id = c.id))`.execute(db);
  await sql`CREATE INDEX conversations_search ON conversations USING gin (search)`.execute(db);
  await sql`DROP INDEX IF EXISTS messages_search`.execute(db);
  await sql`ALTER TABLE messages DROP COLUMN search`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE messages ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('german', text) || to_tsvector('english', text)) STORED`.execute(db);
  await sql`CREATE INDEX messages_search ON messages USING gin (search)`.execute(db);
  await sql`DROP INDEX IF EXISTS conversations_search`.execute(db);
  await sql`ALTER TABLE conversations DROP COLUMN search`.execute(db);
  await sql`DROP FUNCTION IF EXISTS search_vector`.execute(db);
}
