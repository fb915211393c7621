import { type Kysely, sql } from 'kysely';

// Data protection: the audit log of who saw or changed what, consent records per contact, and
// each workspace's retention settings.
export async function up(db: Kysely<unknown>): Promise<void> {
  // No cascade from workspaces: the log is evidence, and the trigger below refuses every delete.
  await sql`
    CREATE TABLE audit_log (
      id bigserial PRIMARY KEY,
      workspace_id uuid NOT NULL REFERENCES workspaces,
      actor_type text NOT NULL CHECK (actor_type IN ('user', 'token', 'system')),
      actor_id uuid,
      action text NOT NULL CHECK (action ~ '^[a-z_]+\\.[a-z_]+$'),
      target_type text NOT NULL,
      target_id uuid,
      metadata jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz(3) NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX audit_log_recent ON audit_log (workspace_id, id DESC)`.execute(db);
  await sql`CREATE INDEX audit_log_target ON audit_log (workspace_id, target_type, target_id, id DESC)`.execute(db);
  await sql`CREATE INDEX audit_log_actor ON audit_log (workspace_id, actor_id, id DESC)`.execute(db);
  await sql`
    CREATE FUNCTION forbid_audit_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION forbid_audit_rewrite()`.execute(db);
  await sql`
    CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION forbid_audit_rewrite()`.execute(db);

  await sql`
    CREATE TABLE contact_consents (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces ON DELETE CASCADE,
      contact_id uuid NOT NULL REFERENCES contacts ON DELETE CASCADE,
      channel_id uuid REFERENCES channels ON DELETE SET NULL,
      purpose text NOT NULL,
      status text NOT NULL CHECK (status IN ('given', 'withdrawn')),
      source text NOT NULL,
      recorded_by uuid,
      recorded_at timestamptz(3) NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX contact_consents_contact ON contact_consents (contact_id, recorded_at DESC)`.execute(db);

  await sql`
    CREATE TABLE workspace_retention (
      workspace_id uuid PRIMARY KEY REFERENCES workspaces ON DELETE CASCADE,
      conversation_days integer CHECK (conversation_days >= 1),
      conversation_action text NOT NULL DEFAULT 'delete' CHECK (conversation_action IN ('delete', 'anonymise')),
      mention_days integer CHECK (mention_days >= 1),
      -- Anonymised conversations are handed to this stand-in, so they no longer point at a person.
      anonymous_contact_id uuid REFERENCES contacts ON DELETE SET NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS workspace_retention`.execute(db);
  await sql`DROP TABLE IF EXISTS contact_consents`.execute(db);
  await sql`DROP TABLE IF EXISTS audit_log`.execute(db);
  await sql`DROP FUNCTION IF EXISTS forbid_audit_rewrite`.execute(db);
}
