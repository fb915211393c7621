import { type Kysely, sql } from 'kysely';

// Service levels: each workspace's policies and business hours, and on each conversation the
// times its clocks run out, when it was warned and when it breached.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE workspaces
      ADD COLUMN sla_policies jsonb NOT NULL DEFAULT '[]',
      ADD COLUMN business_calendar jsonb NOT NULL DEFAULT '{"timeZone": "Europe/Berlin", "slots": [
        {"day": "mon", "start": "08:00", "end": "18:00"}, {"day": "tue", "start": "08:00", "end": "18:00"},
        {"day": "wed", "start": "08:00", "end": "18:00"}, {"day": "thu", "start": "08:00", "end": "18:00"},
        {"day": "fri", "start": "08:00", "end": "18:00"}], "holidays": []}'`.execute(db);
  await sql`
    ALTER TABLE conversations
      ADD COLUMN sla_policy_id text,
      ADD COLUMN first_response_due_at timestamptz(3),
      ADD COLUMN first_response_warn_at timestamptz(3),
      ADD COLUMN resolution_due_at timestamptz(3),
      ADD COLUMN sla_warned_at timestamptz,
      ADD COLUMN sla_breached_at timestamptz`.execute(db);
  // The worker looks for clocks about to run out among conversations still waiting for an answer.
  await sql`CREATE INDEX conversations_sla_due ON conversations (first_response_warn_at) WHERE first_response_at IS NULL AND sla_breached_at IS NULL AND first_response_due_at IS NOT NULL`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS conversations_sla_due`.execute(db);
  await sql`ALTER TABLE conversations DROP COLUMN sla_policy_id, DROP COLUMN first_response_due_at, DROP COLUMN first_response_warn_at, DROP COLUMN resolution_due_at, DROP COLUMN sla_warned_at, DROP COLUMN sla_breached_at`.execute(db);
  await sql`ALTER TABLE workspaces DROP COLUMN sla_policies, DROP COLUMN business_calendar`.execute(db);
}
