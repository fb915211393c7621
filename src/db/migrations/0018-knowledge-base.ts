import { type Kysely, sql } from 'kysely';

// The knowledge base: articles in language versions linked by a translation group, each save kept
// as a version, categories named in both languages. Public search runs on a generated vector per
// article (German or English stemming by the article's language) plus trigrams of the title for typos.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE kb_categories (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces ON DELETE CASCADE,
      slug text NOT NULL,
      name_de text NOT NULL,
      name_en text NOT NULL,
      position integer NOT NULL DEFAULT 0,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      UNIQUE (workspace_id, slug)
    )`.execute(db);
  // array_to_string is only stable (it could format any element type); for text[] it is immutable,
  // which a generated column needs.
  await sql`CREATE FUNCTION kb_tags_text(tags text[]) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT array_to_string(tags, ' ') $$`.execute(db);
  await sql`
    CREATE TABLE articles (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces ON DELETE CASCADE,
      translation_group uuid NOT NULL DEFAULT gen_random_uuid(),
      language text NOT NULL CHECK (language IN ('de', 'en')),
      slug text NOT NULL,
      title text NOT NULL,
      body_md text NOT NULL,
      body_html text NOT NULL,
      category_id uuid REFERENCES kb_categories ON DELETE SET NULL,
      tags text[] NOT NULL DEFAULT '{}',
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'internal', 'published')),
      author_id uuid REFERENCES users ON DELETE SET NULL,
      reviewer_id uuid REFERENCES users ON DELETE SET NULL,
      reviewed_at timestamptz(3),
      published_at timestamptz(3),
      version integer NOT NULL DEFAULT 1,
      source_conversation_id uuid REFERENCES conversations ON DELETE SET NULL,
      helpful_yes integer NOT NULL DEFAULT 0,
      helpful_no integer NOT NULL DEFAULT 0,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now(),
      search tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector(CASE WHEN language = 'de' THEN 'german'::regconfig ELSE 'english'::regconfig END, title), 'A') ||
        setweight(to_tsvector(CASE WHEN language = 'de' THEN 'german'::regconfig ELSE 'english'::regconfig END, kb_tags_text(tags)), 'B') ||
        setweight(to_tsvector(CASE WHEN language = 'de' THEN 'german'::regconfig ELSE 'english'::regconfig END, body_md), 'C')
      ) STORED,
      UNIQUE (workspace_id, language, slug),
      UNIQUE (translation_group, language)
    )`.execute(db);
  await sql`CREATE INDEX articles_search ON articles USING gin (search)`.execute(db);
  await sql`CREATE INDEX articles_title_trgm ON articles USING gin (lower(title) gin_trgm_ops)`.execute(db);
  await sql`CREATE INDEX articles_workspace_status ON articles (workspace_id, status, language)`.execute(db);
  await sql`
    CREATE TABLE article_versions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces ON DELETE CASCADE,
      article_id uuid NOT NULL REFERENCES articles ON DELETE CASCADE,
      version integer NOT NULL,
      title text NOT NULL,
      body_md text NOT NULL,
      author_id uuid REFERENCES users ON DELETE SET NULL,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      UNIQUE (article_id, version)
    )`.execute(db);
  await sql`
    CREATE TABLE article_relations (
      workspace_id uuid NOT NULL REFERENCES workspaces ON DELETE CASCADE,
      article_id uuid NOT NULL REFERENCES articles ON DELETE CASCADE,
      related_id uuid NOT NULL REFERENCES articles ON DELETE CASCADE,
      PRIMARY KEY (article_id, related_id),
      CHECK (article_id <> related_id)
    )`.execute(db);
  // Which conversations an article answered (inserted as a suggestion, sent by the bot, drafted from):
  // the reopen rate of these flags unclear articles.
  await sql`
    CREATE TABLE article_conversations (
      workspace_id uuid NOT NULL REFERENCES workspaces ON DELETE CASCADE,
      article_id uuid NOT NULL REFERENCES articles ON DELETE CASCADE,
      conversation_id uuid NOT NULL REFERENCES conversations ON DELETE CASCADE,
      via text NOT NULL CHECK (via IN ('suggestion', 'bot', 'draft')),
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      PRIMARY KEY (article_id, conversation_id, via)
    )`.execute(db);
  await sql`CREATE INDEX article_conversations_conversation ON article_conversations (conversation_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS article_conversations, article_relations, article_versions, articles, kb_categories`.execute(db);
  await sql`DROP FUNCTION IF EXISTS kb_tags_text(text[])`.execute(db);
}
