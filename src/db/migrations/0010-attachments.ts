import { type Kysely, sql } from 'kysely';

// Files that arrive with messages, kept in PostgreSQL so an external database and split
// api/worker processes see the same files, and erasing a message erases its files.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE attachments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces ON DELETE CASCADE,
      message_id uuid REFERENCES messages ON DELETE CASCADE,
      filename text NOT NULL,
      content_type text NOT NULL,
      size integer NOT NULL CHECK (size >= 0),
      sha256 text NOT NULL,
      content bytea NOT NULL,
      created_at timestamptz(3) NOT NULL DEFAULT now()
    )`.execute(db);
  // Most files (images, PDFs, archives) are compressed already; PostgreSQL need not try again.
  await sql`ALTER TABLE attachments ALTER COLUMN content SET STORAGE EXTERNAL`.execute(db);
  await sql`CREATE INDEX attachments_message ON attachments (message_id)`.execute(db);
  await sql`CREATE INDEX attachments_unlinked ON attachments (created_at) WHERE message_id IS NULL`.execute(db);
  // An e-mail address receives into exactly one channel of the installation.
  await sql`CREATE UNIQUE INDEX channels_email_address ON channels (lower(settings->>'address')) WHERE type = 'email'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS channels_email_address`.execute(db);
  await sql`DROP TABLE IF EXISTS attachments`.execute(db);
}
