import { type Kysely, sql } from 'kysely';

// The public help center of a workspace: its theme and optional own host name, and the visitors'
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
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS articles_workspace_group`.execute(db);
  await sql`DROP TABLE IF EXISTS article_feedback, help_centers`.execute(db);
}
