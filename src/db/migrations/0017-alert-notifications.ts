import { type Kysely, sql } from 'kysely';

// Early warnings leave the app too: by e-mail and to a webhook, each alert once. Alerts raised
// before this existed count as told, so enabling notifications sends no backlog.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE listening_alerts ADD COLUMN notified_at timestamptz, ADD COLUMN notify_attempts integer NOT NULL DEFAULT 0`.execute(db);
  await sql`UPDATE listening_alerts SET notified_at = created_at`.execute(db);
  await sql`CREATE INDEX listening_alerts_unnotified ON listening_alerts (created_at) WHERE notified_at IS NULL`.execute(db);
  await sql`ALTER TABLE workspaces ADD COLUMN alert_notifications jsonb NOT NULL DEFAULT '{}', ADD COLUMN alert_webhook_secret text`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE workspaces DROP COLUMN IF EXISTS alert_webhook_secret, DROP COLUMN IF EXISTS alert_notifications`.execute(db);
  await sql`DROP INDEX IF EXISTS listening_alerts_unnotified`.execute(db);
  await sql`ALTER TABLE listening_alerts DROP COLUMN IF EXISTS notify_attempts, DROP COLUMN IF EXISTS notified_at`.execute(db);
}
