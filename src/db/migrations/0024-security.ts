import { type Kysely, sql } from 'kysely';

// Every reply asks whether its person ever wrote to us on the channel (outreach needs consent
// otherwise): an index by contact keeps that one look-up however many messages there are.
// Password resets and invitations are links mailed to a person: only the SHA-256 of the token is
// kept, so a copy of the database cannot be used to take over an account. Rate-limit counters live
// here too, so every API process of an installation counts the same guesses.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE account_tokens (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      token_hash text NOT NULL UNIQUE,
      workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('reset', 'invite')),
      user_id uuid REFERENCES users(id) ON DELETE CASCADE,
      email text NOT NULL,
      role text CHECK (role IN ('admin', 'agent', 'viewer')),
      created_by uuid REFERENCES users(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      CHECK ((kind = 'reset') = (user_id IS NOT NULL)),
      CHECK ((kind = 'invite') = (role IS NOT NULL))
    )`.execute(db);
  await sql`CREATE INDEX account_tokens_pending ON account_tokens (workspace_id, kind, created_at) WHERE used_at IS NULL`.execute(db);
  await sql`
    CREATE TABLE rate_limit_hits (
      key text NOT NULL,
      bucket_start timestamptz NOT NULL,
      hits integer NOT NULL,
      PRIMARY KEY (key, bucket_start)
    )`.execute(db);
  await sql`CREATE INDEX messages_contact_inbound ON messages (contact_id, channel_id) WHERE direction = 'inbound'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS messages_contact_inbound`.execute(db);
  await sql`DROP TABLE IF EXISTS rate_limit_hits`.execute(db);
  await sql`DROP TABLE IF EXISTS account_tokens`.execute(db);
}
