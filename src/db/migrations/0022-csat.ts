import { type Kysely, sql } from 'kysely';

// Customer satisfaction surveys (settings per channel, one survey per resolution, its answer) and
// voucher redemption on goodwill grants, so the outcome report can tell spent from kept customers.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE csat_settings (
      channel_id uuid PRIMARY KEY REFERENCES channels ON DELETE CASCADE,
      workspace_id uuid NOT NULL REFERENCES workspaces ON DELETE CASCADE,
      mode text NOT NULL CHECK (mode IN ('off', 'channel', 'email')),
      scale text NOT NULL CHECK (scale IN ('numeric', 'emoji')),
      delay_minutes integer NOT NULL CHECK (delay_minutes BETWEEN 0 AND 10080),
      cooldown_days integer NOT NULL CHECK (cooldown_days BETWEEN 0 AND 365),
      enabled_at timestamptz(3),
      updated_at timestamptz(3) NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`
    CREATE TABLE csat_surveys (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces ON DELETE CASCADE,
      conversation_id uuid NOT NULL REFERENCES conversations ON DELETE CASCADE,
      contact_id uuid NOT NULL REFERENCES contacts ON DELETE CASCADE,
      channel_id uuid NOT NULL REFERENCES channels ON DELETE CASCADE,
      assignee_id uuid REFERENCES users ON DELETE SET NULL,
      team_id uuid REFERENCES teams ON DELETE SET NULL,
      resolved_at timestamptz(3) NOT NULL,
      via text NOT NULL CHECK (via IN ('channel', 'email')),
      scale text NOT NULL CHECK (scale IN ('numeric', 'emoji')),
      language text NOT NULL,
      status text NOT NULL CHECK (status IN ('sending', 'sent', 'skipped', 'failed')),
      skip_reason text,
      token_hash text UNIQUE,
      expires_at timestamptz(3),
      sent_at timestamptz(3),
      rating smallint CHECK (rating BETWEEN 1 AND 5),
      comment text,
      answered_at timestamptz(3),
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      UNIQUE (conversation_id, resolved_at)
    )`.execute(db);
  await sql`CREATE INDEX csat_surveys_report ON csat_surveys (workspace_id, sent_at) WHERE status = 'sent'`.execute(db);
  await sql`CREATE INDEX csat_surveys_contact ON csat_surveys (contact_id, sent_at DESC)`.execute(db);
  await sql`ALTER TABLE goodwill_grants ADD COLUMN redeemed_at timestamptz(3), ADD COLUMN redeemed_order_id text, ADD COLUMN redeemed_amount_minor bigint`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE goodwill_grants DROP COLUMN IF EXISTS redeemed_amount_minor, DROP COLUMN IF EXISTS redeemed_order_id, DROP COLUMN IF EXISTS redeemed_at`.execute(db);
  await sql`DROP TABLE IF EXISTS csat_surveys`.execute(db);
  await sql`DROP TABLE IF EXISTS csat_settings`.execute(db);
}
