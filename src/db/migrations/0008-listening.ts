import { type Kysely, sql } from 'kysely';

// Social listening: the queries a team watches and the public posts that matched them.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE listening_queries (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces ON DELETE CASCADE,
      name text NOT NULL,
      query text NOT NULL,
      labels text[] NOT NULL DEFAULT '{}',
      owner_team text NOT NULL DEFAULT 'service',
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (workspace_id, name)
    )`.execute(db);
  await sql`
    CREATE TABLE mentions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces ON DELETE CASCADE,
      source text NOT NULL,
      external_id text NOT NULL,
      query_ids uuid[] NOT NULL,
      message_id uuid REFERENCES messages ON DELETE SET NULL,
      contact_id uuid REFERENCES contacts ON DELETE SET NULL,
      author text,
      reach integer,
      url text,
      text text NOT NULL,
      language text,
      sentiment text,
      posted_at timestamptz NOT NULL DEFAULT now(),
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      UNIQUE (workspace_id, source, external_id)
    )`.execute(db);
  await sql`CREATE INDEX mentions_recent ON mentions (workspace_id, created_at DESC)`.execute(db);
  await sql`CREATE INDEX mentions_queries ON mentions USING gin (query_ids)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS mentions`.execute(db);
  await sql`DROP TABLE IF EXISTS listening_queries`.execute(db);
}
