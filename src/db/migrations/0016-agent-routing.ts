import { type Kysely, sql } from 'kysely';

// What automatic assignment needs to know about each agent (presence, tier, skills, capacity per
// channel type) and each team (automatic or manual assignment).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE agent_profiles (
      user_id uuid PRIMARY KEY REFERENCES users ON DELETE CASCADE,
      workspace_id uuid NOT NULL REFERENCES workspaces ON DELETE CASCADE,
      presence text NOT NULL DEFAULT 'offline' CHECK (presence IN ('online', 'away', 'offline')),
      tier smallint NOT NULL DEFAULT 1 CHECK (tier BETWEEN 1 AND 3),
      languages text[] NOT NULL DEFAULT '{}',
      channel_types text[] NOT NULL DEFAULT '{}',
      categories text[] NOT NULL DEFAULT '{}',
      capacity jsonb NOT NULL DEFAULT '{}',
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX agent_profiles_online ON agent_profiles (workspace_id) WHERE presence = 'online'`.execute(db);
  await sql`ALTER TABLE teams ADD COLUMN routing_mode text NOT NULL DEFAULT 'auto' CHECK (routing_mode IN ('auto', 'manual'))`.execute(db);
  await sql`CREATE INDEX conversations_waiting ON conversations (workspace_id, created_at) WHERE assignee_id IS NULL AND status = 'open'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS conversations_waiting`.execute(db);
  await sql`ALTER TABLE teams DROP COLUMN IF EXISTS routing_mode`.execute(db);
  await sql`DROP TABLE IF EXISTS agent_profiles`.execute(db);
}
