import { type Kysely, sql } from 'kysely';

// Customer value and goodwill: each contact's orders (money in minor units, so sums are exact), the
// workspace's goodwill policy and monthly department budgets, and every goodwill grant on a contact.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE orders (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces ON DELETE CASCADE,
      contact_id uuid NOT NULL REFERENCES contacts ON DELETE CASCADE,
      external_id text NOT NULL,
      ordered_at timestamptz NOT NULL,
      amount_minor bigint NOT NULL CHECK (amount_minor >= 0),
      currency char(3) NOT NULL,
      status text NOT NULL CHECK (status IN ('placed', 'paid', 'shipped', 'delivered', 'cancelled', 'returned', 'refunded')),
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now(),
      UNIQUE (workspace_id, external_id)
    )`.execute(db);
  await sql`CREATE INDEX orders_contact ON orders (contact_id, ordered_at DESC)`.execute(db);
  await sql`ALTER TABLE workspaces ADD COLUMN goodwill_policy jsonb, ADD COLUMN goodwill_budgets jsonb`.execute(db);
  await sql`
    CREATE TABLE goodwill_grants (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces ON DELETE CASCADE,
      contact_id uuid NOT NULL REFERENCES contacts ON DELETE CASCADE,
      conversation_id uuid REFERENCES conversations ON DELETE SET NULL,
      type text NOT NULL CHECK (type IN ('voucher', 'refund', 'gift', 'free_shipping')),
      amount_minor bigint NOT NULL CHECK (amount_minor >= 0),
      currency char(3) NOT NULL,
      department text NOT NULL,
      reason text NOT NULL,
      voucher_code text,
      actor_type text NOT NULL,
      actor_id uuid,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      UNIQUE (workspace_id, voucher_code)
    )`.execute(db);
  await sql`CREATE INDEX goodwill_grants_budget ON goodwill_grants (workspace_id, department, created_at)`.execute(db);
  await sql`CREATE INDEX goodwill_grants_contact ON goodwill_grants (contact_id, created_at DESC)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS goodwill_grants`.execute(db);
  await sql`ALTER TABLE workspaces DROP COLUMN IF EXISTS goodwill_policy, DROP COLUMN IF EXISTS goodwill_budgets`.execute(db);
  await sql`DROP TABLE IF EXISTS orders`.execute(db);
}
