import { type Kysely, sql } from 'kysely';

// Phone, callbacks and paper: a message can say what it was (a call with its direction and
// length, a scanned letter or fax), and a callback a customer asked for is a task with a due time.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE messages ADD COLUMN meta jsonb NOT NULL DEFAULT '{}'`.execute(db);
  await sql`
    CREATE TABLE callbacks (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces ON DELETE CASCADE,
      conversation_id uuid NOT NULL REFERENCES conversations ON DELETE CASCADE,
      contact_id uuid NOT NULL REFERENCES contacts ON DELETE CASCADE,
      -- The customer's request as it arrived; one callback per request, however often it is delivered.
      message_id uuid NOT NULL UNIQUE REFERENCES messages ON DELETE CASCADE,
      phone text NOT NULL,
      note text NOT NULL DEFAULT '',
      due_at timestamptz NOT NULL,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'not_reached', 'cancelled')),
      attempts integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX callbacks_open ON callbacks (workspace_id, due_at) WHERE status = 'open'`.execute(db);
  await sql`CREATE INDEX callbacks_conversation ON callbacks (conversation_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS callbacks`.execute(db);
  await sql`ALTER TABLE messages DROP COLUMN IF EXISTS meta`.execute(db);
}
