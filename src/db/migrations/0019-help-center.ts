import { type Kysely, sql } from 'kysely';

// The public help center of a workspace: its theme and optional own host name, the words its search
// corrects typos against, and the visitors'
// "was this helpful?" votes, one per visitor and article (the visitor is a keyed hash of address and
// browser, never the address itself), so the counts on the article cannot be stuffed by reposting.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE help_centers (
      workspace_id uuid PRIMARY KEY REFERENCES workspaces ON DELETE CASCADE,
      logo_url text,
      primary_color text CHECK (primary_color ~ '^#[0-9a-f]{6}$'),
      custom_host text UNIQUE CHECK (custom_host ~ '^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$'),
      updated_at timestamptz(3) NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`
    CREATE TABLE article_feedback (
      workspace_id uuid NOT NULL REFERENCES workspaces ON DELETE CASCADE,
      article_id uuid NOT NULL REFERENCES articles ON DELETE CASCADE,
      visitor text NOT NULL,
      helpful boolean NOT NULL,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      PRIMARY KEY (article_id, visitor)
    )`.execute(db);
  await sql`CREATE INDEX articles_workspace_group ON articles (workspace_id, translation_group)`.execute(db);
  // Every word the articles of a workspace use, per language: a search word that is not among
  // them (a typo) is corrected to its nearest ones by trigram similarity before the full-text
  // search runs. Small (distinct words only), so the look-up is fast whatever the article count.
  await sql`
    CREATE TABLE kb_words (
      workspace_id uuid NOT NULL REFERENCES workspaces ON DELETE CASCADE,
      language text NOT NULL CHECK (language IN ('de', 'en')),
      word text NOT NULL,
      PRIMARY KEY (workspace_id, language, word)
    )`.execute(db);
  await sql`CREATE INDEX kb_words_trgm ON kb_words USING gin (word gin_trgm_ops)`.execute(db);
  // The nearest spellings of a word. The function carries its own similarity threshold (low
  // enough for "refnud" → "refund"), so a search needs no transaction to set it and no other
  // query of the session sees it.
  await sql`
    CREATE FUNCTION kb_similar_words(ws uuid, lang text, term text, n integer) RETURNS SETOF text
    LANGUAGE sql STABLE PARALLEL SAFE
    SET pg_trgm.similarity_threshold = 0.25
    AS $$
      SELECT word FROM kb_words
      WHERE workspace_id = ws AND language = lang AND word % term
      ORDER BY similarity(word, term) DESC, word
      LIMIT n
    $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP FUNCTION IF EXISTS kb_similar_words(uuid, text, text, integer)`.execute(db);
  await sql`DROP INDEX IF EXISTS articles_workspace_group`.execute(db);
  await sql`DROP TABLE IF EXISTS kb_words, article_feedback, help_centers`.execute(db);
}
