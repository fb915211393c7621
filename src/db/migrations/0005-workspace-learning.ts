import { type Kysely, sql } from 'kysely';

// What a workspace teaches the language understanding: its brand profile, the labels agents
// corrected, and the adaptation trained from them. The shipped base models never change.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE workspaces ADD COLUMN brand_profile jsonb NOT NULL DEFAULT '{"names": [], "products": [], "terms": []}'`.execute(db);
  await sql`
    CREATE TABLE label_corrections (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces ON DELETE CASCADE,
      message_id uuid NOT NULL REFERENCES messages ON DELETE CASCADE,
      field text NOT NULL CHECK (field IN ('sentiment', 'category', 'relevant')),
      label text NOT NULL,
      user_id uuid REFERENCES users ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (message_id, field)
    )`.execute(db);
  await sql`CREATE INDEX label_corrections_workspace ON label_corrections (workspace_id, created_at)`.execute(db);
  await sql`
    CREATE TABLE workspace_models (
      workspace_id uuid PRIMARY KEY REFERENCES workspaces ON DELETE CASCADE,
      adaptation jsonb NOT NULL,
      corrections integer NOT NULL,
      trained_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS workspace_models`.execute(db);
  await sql`DROP TABLE IF EXISTS label_corrections`.execute(db);
  await sql`ALTER TABLE workspaces DROP COLUMN brand_profile`.execute(db);
}
