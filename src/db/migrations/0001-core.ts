import { type Kysely, sql } from 'kysely';

// The core inbox: tenants, people, channels, conversations, messages, and the outbox that
// carries every change to the event bus.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);

  await sql`
    CREATE TABLE workspaces (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
      name text NOT NULL,
      locale text NOT NULL DEFAULT 'de',
      time_zone text NOT NULL DEFAULT 'Europe/Berlin',
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

  await sql`
    CREATE TABLE brands (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces ON DELETE CASCADE,
      name text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (workspace_id, name)
    )`.execute(db);

  await sql`
    CREATE TABLE users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces ON DELETE CASCADE,
      email text NOT NULL,
      name text NOT NULL,
      role text NOT NULL CHECK (role IN ('admin', 'agent', 'viewer')),
      password_hash text,
      locale text,
      created_at timestamptz NOT NULL DEFAULT now(),
      disabled_at timestamptz
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX users_email ON users (lower(email))`.execute(db);
  await sql`CREATE INDEX users_workspace ON users (workspace_id)`.execute(db);

  await sql`
    CREATE TABLE sessions (
      id text PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users ON DELETE CASCADE,
      workspace_id uuid NOT NULL REFERENCES workspaces ON DELETE CASCADE,
      csrf_token text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL
    )`.execute(db);

  await sql`
    CREATE TABLE api_tokens (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces ON DELETE CASCADE,
      name text NOT NULL,
      role text NOT NULL CHECK (role IN ('admin', 'agent', 'viewer')),
      token_hash text NOT NULL UNIQUE,
      prefix text NOT NULL,
      created_by uuid REFERENCES users ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz,
      last_used_at timestamptz,
      revoked_at timestamptz
    )`.execute(db);

  await sql`
    CREATE TABLE teams (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces ON DELETE CASCADE,
      name text NOT NULL,
      kind text NOT NULL DEFAULT 'service',
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (workspace_id, name)
    )`.execute(db);
  await sql`
    CREATE TABLE team_members (
      team_id uuid NOT NULL REFERENCES teams ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users ON DELETE CASCADE,
      PRIMARY KEY (team_id, user_id)
    )`.execute(db);

  await sql`
    CREATE TABLE labels (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces ON DELETE CASCADE,
      name text NOT NULL,
      color text NOT NULL DEFAULT '#64748b',
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (workspace_id, name)
    )`.execute(db);

  await sql`
    CREATE TABLE channels (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces ON DELETE CASCADE,
      brand_id uuid REFERENCES brands ON DELETE SET NULL,
      type text NOT NULL,
      name text NOT NULL,
      settings jsonb NOT NULL DEFAULT '{}',
      secrets text,
      created_at timestamptz NOT NULL DEFAULT now(),
      disabled_at timestamptz
    )`.execute(db);
  await sql`CREATE INDEX channels_workspace ON channels (workspace_id)`.execute(db);

  await sql`
    CREATE TABLE contacts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces ON DELETE CASCADE,
      name text,
      email text,
      phone text,
      notes text NOT NULL DEFAULT '',
      tags text[] NOT NULL DEFAULT '{}',
      attributes jsonb NOT NULL DEFAULT '{}',
      merged_into_id uuid REFERENCES contacts ON DELETE SET NULL,
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      search tsvector GENERATED ALWAYS AS (
        to_tsvector('simple', coalesce(name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(phone, ''))
      ) STORED
    )`.execute(db);
  await sql`CREATE INDEX contacts_workspace ON contacts (workspace_id, created_at DESC)`.execute(db);
  await sql`CREATE INDEX contacts_search ON contacts USING gin (search)`.execute(db);
  await sql`CREATE INDEX contacts_name_trgm ON contacts USING gin (name gin_trgm_ops)`.execute(db);

  await sql`
    CREATE TABLE contact_identities (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces ON DELETE CASCADE,
      contact_id uuid NOT NULL REFERENCES contacts ON DELETE CASCADE,
      kind text NOT NULL,
      value text NOT NULL,
      channel_id uuid REFERENCES channels ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (workspace_id, kind, value)
    )`.execute(db);
  await sql`CREATE INDEX contact_identities_contact ON contact_identities (contact_id)`.execute(db);

  await sql`
    CREATE TABLE conversations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces ON DELETE CASCADE,
      channel_id uuid NOT NULL REFERENCES channels ON DELETE CASCADE,
      contact_id uuid NOT NULL REFERENCES contacts,
      subject text,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'pending', 'snoozed', 'resolved', 'closed')),
      priority text NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
      tier smallint NOT NULL DEFAULT 1 CHECK (tier BETWEEN 1 AND 3),
      team_id uuid REFERENCES teams ON DELETE SET NULL,
      assignee_id uuid REFERENCES users ON DELETE SET NULL,
      visibility text NOT NULL DEFAULT 'private' CHECK (visibility IN ('public', 'private')),
      thread_key text,
      snoozed_until timestamptz,
      preview text NOT NULL DEFAULT '',
      message_count integer NOT NULL DEFAULT 0,
      last_message_at timestamptz(3) NOT NULL DEFAULT now(), -- millisecond precision: the inbox cursor carries it through JSON
      last_inbound_at timestamptz,
      first_response_at timestamptz,
      resolved_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX conversations_inbox ON conversations (workspace_id, last_message_at DESC, id DESC)`.execute(db);
  await sql`CREATE INDEX conversations_status ON conversations (workspace_id, status, last_message_at DESC, id DESC)`.execute(db);
  await sql`CREATE INDEX conversations_assignee ON conversations (workspace_id, assignee_id, last_message_at DESC)`.execute(db);
  await sql`CREATE INDEX conversations_contact ON conversations (contact_id, last_message_at DESC)`.execute(db);
  await sql`CREATE UNIQUE INDEX conversations_thread ON conversations (channel_id, thread_key) WHERE thread_key IS NOT NULL`.execute(db);

  await sql`
    CREATE TABLE conversation_labels (
      conversation_id uuid NOT NULL REFERENCES conversations ON DELETE CASCADE,
      label_id uuid NOT NULL REFERENCES labels ON DELETE CASCADE,
      PRIMARY KEY (conversation_id, label_id)
    )`.execute(db);
  await sql`CREATE INDEX conversation_labels_label ON conversation_labels (label_id)`.execute(db);

  await sql`
    CREATE TABLE messages (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id uuid NOT NULL REFERENCES workspaces ON DELETE CASCADE,
      conversation_id uuid NOT NULL REFERENCES conversations ON DELETE CASCADE,
      channel_id uuid NOT NULL REFERENCES channels ON DELETE CASCADE,
      direction text NOT NULL CHECK (direction IN ('inbound', 'outbound', 'note')),
      external_id text,
      author_user_id uuid REFERENCES users ON DELETE SET NULL,
      contact_id uuid REFERENCES contacts,
      text text NOT NULL,
      html text,
      attachments jsonb NOT NULL DEFAULT '[]',
      visibility text NOT NULL DEFAULT 'private' CHECK (visibility IN ('public', 'private')),
      delivery_status text CHECK (delivery_status IN ('queued', 'sent', 'delivered', 'failed')),
      delivery_error text,
      delivery_attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz,
      sent_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      search tsvector GENERATED ALWAYS AS (
        to_tsvector('german', text) || to_tsvector('english', text)
      ) STORED
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX messages_external ON messages (channel_id, external_id) WHERE external_id IS NOT NULL`.execute(db);
  await sql`CREATE INDEX messages_conversation ON messages (conversation_id, created_at)`.execute(db);
  await sql`CREATE INDEX messages_search ON messages USING gin (search)`.execute(db);
  await sql`CREATE INDEX messages_delivery ON messages (next_attempt_at) WHERE delivery_status = 'queued'`.execute(db);

  await sql`
    CREATE TABLE conversation_events (
      id bigserial PRIMARY KEY,
      workspace_id uuid NOT NULL REFERENCES workspaces ON DELETE CASCADE,
      conversation_id uuid NOT NULL REFERENCES conversations ON DELETE CASCADE,
      actor_type text NOT NULL CHECK (actor_type IN ('user', 'token', 'contact', 'system')),
      actor_id uuid,
      type text NOT NULL,
      data jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX conversation_events_conversation ON conversation_events (conversation_id, id)`.execute(db);
  // The history is evidence: rows may be added, never rewritten.
  await sql`
    CREATE FUNCTION forbid_history_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'conversation_events is append-only';
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER conversation_events_append_only BEFORE UPDATE ON conversation_events
    FOR EACH ROW EXECUTE FUNCTION forbid_history_rewrite()`.execute(db);

  await sql`
    CREATE TABLE outbox (
      id bigserial PRIMARY KEY,
      workspace_id uuid,
      type text NOT NULL,
      data jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      published_at timestamptz
    )`.execute(db);
  await sql`CREATE INDEX outbox_pending ON outbox (id) WHERE published_at IS NULL`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'outbox', 'conversation_events', 'messages', 'conversation_labels', 'conversations', 'contact_identities',
    'contacts', 'channels', 'labels', 'team_members', 'teams', 'api_tokens', 'sessions', 'users', 'brands', 'workspaces',
  ]) {
    await sql`DROP TABLE IF EXISTS ${sql.table(table)} CASCADE`.execute(db);
  }
  await sql`DROP FUNCTION IF EXISTS forbid_history_rewrite`.execute(db);
}
