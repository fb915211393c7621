import { type Kysely, sql } from 'kysely';

// The first-level bot: where the workspace's public help center lives (for links to articles), the
// bot's behaviour per channel, and one row per conversation the bot took part in — its state while
// it waits for the customer's feedback, and how it ended, which the deflection report counts.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE kb_bot_settings (
      workspace_id uuid PRIMARY KEY REFERENCES workspaces ON DELETE CASCADE,
      help_center_url text,
      updated_at timestamptz(3) NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`
    CREATE TABLE kb_bot_channels (
      channel_id uuid PRIMARY KEY REFERENCES channels ON DELETE CASCADE,
      workspace_id uuid NOT NULL REFERENCES workspaces ON DELETE CASCADE,
      enabled boolean NOT NULL DEFAULT false,
      min_confidence real NOT NULL CHECK (min_confidence > 0 AND min_confidence <= 1),
      hours text NOT NULL DEFAULT 'always' CHECK (hours IN ('always', 'outside')),
      updated_at timestamptz(3) NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX kb_bot_channels_workspace ON kb_bot_channels (workspace_id)`.execute(db);
  await sql`
    CREATE TABLE kb_bot_conversations (
      conversation_id uuid PRIMARY KEY REFERENCES conversations ON DELETE CASCADE,
      workspace_id uuid NOT NULL REFERENCES workspaces ON DELETE CASCADE,
      channel_id uuid NOT NULL REFERENCES channels ON DELETE CASCADE,
      state text NOT NULL CHECK (state IN ('new', 'awaiting_feedback', 'resolved', 'handed_over')),
      -- The customer message the bot has yet to decide on; set in the accepting transaction, so
      -- routing leaves the conversation alone until the bot has answered or handed over.
      pending_message_id uuid REFERENCES messages ON DELETE SET NULL,
      article_id uuid REFERENCES articles ON DELETE SET NULL,
      answers integer NOT NULL DEFAULT 0,
      handover_reason text CHECK (handover_reason IN ('asked_for_person', 'urgent', 'negative', 'low_confidence', 'not_helpful', 'reopened')),
      resolved_at timestamptz(3),
      handed_over_at timestamptz(3),
      created_at timestamptz(3) NOT NULL DEFAULT now(),
      updated_at timestamptz(3) NOT NULL DEFAULT now()
    )`.execute(db);
  // The past-answer index is stale once another conversation was resolved; this makes that check one index probe.
  await sql`CREATE INDEX conversations_last_resolved ON conversations (workspace_id, resolved_at) WHERE resolved_at IS NOT NULL`.execute(db);
  await sql`CREATE INDEX kb_bot_conversations_pending ON kb_bot_conversations (pending_message_id) WHERE pending_message_id IS NOT NULL`.execute(db);
  await sql`CREATE INDEX kb_bot_conversations_report ON kb_bot_conversations (workspace_id, created_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS kb_bot_conversations, kb_bot_channels, kb_bot_settings`.execute(db);
  await sql`DROP INDEX IF EXISTS conversations_last_resolved`.execute(db);
}
