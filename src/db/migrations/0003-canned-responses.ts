import { type Kysely, sql } from 'kysely';

// Answers the whole team shares; variables like {{contact.firstName}} are filled in as text.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE canned_responses (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces ON DELETE CASCADE,
      title text NOT NULL,
      body text NOT NULL,
      created_by uuid REFERENCES users ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (workspace_id, title)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS canned_responses`.execute(db);
}
