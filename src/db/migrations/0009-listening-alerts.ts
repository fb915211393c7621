import { type Kysely, sql } from 'kysely';

// Early warnings: a query's mentions rising or turning negative beyond what is normal.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE listening_alerts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces ON DELETE CASCADE,
      query_id uuid NOT NULL REFERENCES listening_queries ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('volume', 'negative')),
      severity text NOT NULL CHECK (severity IN ('low', 'medium', 'high')),
      bucket_start timestamptz NOT NULL,
      observed real NOT NULL,
      expected real NOT NULL,
      top_mention_ids uuid[] NOT NULL DEFAULT '{}',
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      acknowledged_at timestamptz,
      resolved_at timestamptz,
      UNIQUE (query_id, kind, bucket_start)
    )`.execute(db);
  await sql`CREATE INDEX listening_alerts_recent ON listening_alerts (workspace_id, created_at DESC)`.execute(db);
  await sql`CREATE INDEX mentions_posted ON mentions (workspace_id, posted_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS mentions_posted`.execute(db);
  await sql`DROP TABLE IF EXISTS listening_alerts`.execute(db);
}
