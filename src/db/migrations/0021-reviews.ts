import { type Kysely, sql } from 'kysely';

// The review inbox's own data: who owns which reviews (rules in order, first match wins), reply
// templates per rating band, topic and language, the response targets of a workspace, and the one
// reply draft of each review with its approval state. The steps themselves are conversation history.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE review_ownership_rules (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
      position integer NOT NULL,
      min_rating smallint NOT NULL DEFAULT 1 CHECK (min_rating BETWEEN 1 AND 5),
      max_rating smallint NOT NULL DEFAULT 5 CHECK (max_rating BETWEEN 1 AND 5 AND max_rating >= min_rating),
      product text,
      category text,
      brand_id uuid REFERENCES brands (id) ON DELETE CASCADE,
      department text NOT NULL,
      approval_department text,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX review_ownership_rules_order ON review_ownership_rules (workspace_id, position)`.execute(db);
  await sql`
    CREATE TABLE review_reply_templates (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
      name text NOT NULL,
      language text NOT NULL CHECK (language IN ('de', 'en')),
      min_rating smallint NOT NULL CHECK (min_rating BETWEEN 1 AND 5),
      max_rating smallint NOT NULL CHECK (max_rating BETWEEN 1 AND 5 AND max_rating >= min_rating),
      category text,
      body text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (workspace_id, name)
    )`.execute(db);
  await sql`
    CREATE TABLE review_settings (
      workspace_id uuid PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
      response_targets jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`
    CREATE TABLE review_drafts (
      conversation_id uuid PRIMARY KEY REFERENCES conversations (id) ON DELETE CASCADE,
      workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
      text text NOT NULL,
      status text NOT NULL CHECK (status IN ('draft', 'awaiting_approval', 'approved', 'rejected', 'published')),
      approval_department text,
      drafted_by uuid REFERENCES users (id) ON DELETE SET NULL,
      approved_by uuid REFERENCES users (id) ON DELETE SET NULL,
      rejection_reason text,
      message_id uuid REFERENCES messages (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX review_drafts_workspace ON review_drafts (workspace_id, status)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS review_drafts`.execute(db);
  await sql`DROP TABLE IF EXISTS review_settings`.execute(db);
  await sql`DROP TABLE IF EXISTS review_reply_templates`.execute(db);
  await sql`DROP TABLE IF EXISTS review_ownership_rules`.execute(db);
}
