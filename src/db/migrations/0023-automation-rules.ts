import { type Kysely, sql } from 'kysely';

// Automation rules run in the live system: stored per workspace in order, their webhook calls
// queued so they leave after the commit and are retried, and agents gain product skills. Service
// levels gain the next-response clock of each conversation and the overdue state of callbacks.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE automation_rules (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces ON DELETE CASCADE,
      name text NOT NULL,
      position integer NOT NULL,
      enabled boolean NOT NULL DEFAULT true,
      events text[] NOT NULL,
      condition jsonb NOT NULL,
      actions jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX automation_rules_order ON automation_rules (workspace_id, position, id)`.execute(db);
  await sql`
    CREATE TABLE automation_webhooks (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces ON DELETE CASCADE,
      conversation_id uuid NOT NULL REFERENCES conversations ON DELETE CASCADE,
      rule_id uuid,
      url text NOT NULL,
      body text NOT NULL,
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz DEFAULT now(),
      delivered_at timestamptz,
      last_error text,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX automation_webhooks_due ON automation_webhooks (next_attempt_at) WHERE next_attempt_at IS NOT NULL`.execute(db);
  await sql`ALTER TABLE workspaces ADD COLUMN rules_webhook_secret text`.execute(db);
  await sql`ALTER TABLE agent_profiles ADD COLUMN products text[] NOT NULL DEFAULT '{}'`.execute(db);
  await sql`
    ALTER TABLE conversations
      ADD COLUMN next_response_due_at timestamptz,
      ADD COLUMN next_response_warn_at timestamptz,
      ADD COLUMN next_response_paused_at timestamptz,
      ADD COLUMN next_response_warned_at timestamptz,
      ADD COLUMN next_response_breached_at timestamptz`.execute(db);
  await sql`CREATE INDEX conversations_next_response_due ON conversations (next_response_warn_at) WHERE next_response_due_at IS NOT NULL AND next_response_breached_at IS NULL`.execute(db);
  await sql`ALTER TABLE callbacks ADD COLUMN warned_at timestamptz, ADD COLUMN overdue_at timestamptz`.execute(db);
  await sql`CREATE INDEX callbacks_open_due ON callbacks (due_at) WHERE status = 'open' AND overdue_at IS NULL`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS callbacks_open_due`.execute(db);
  await sql`ALTER TABLE callbacks DROP COLUMN IF EXISTS overdue_at, DROP COLUMN IF EXISTS warned_at`.execute(db);
  await sql`DROP INDEX IF EXISTS conversations_next_response_due`.execute(db);
  await sql`
    ALTER TABLE conversations
      DROP COLUMN IF EXISTS next_response_due_at, DROP COLUMN IF EXISTS next_response_warn_at, DROP COLUMN IF EXISTS next_response_paused_at,
      DROP COLUMN IF EXISTS next_response_warned_at, DROP COLUMN IF EXISTS next_response_breached_at`.execute(db);
  await sql`ALTER TABLE agent_profiles DROP COLUMN IF EXISTS products`.execute(db);
  await sql`ALTER TABLE workspaces DROP COLUMN IF EXISTS rules_webhook_secret`.execute(db);
  await sql`DROP TABLE IF EXISTS automation_webhooks`.execute(db);
  await sql`DROP TABLE IF EXISTS automation_rules`.execute(db);
}
