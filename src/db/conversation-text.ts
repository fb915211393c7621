import { sql } from 'kysely';
import type { Db } from './schema.js';

/** What an erased person's message says afterwards, in threads shared with others. */
export const ERASED_TEXT = '[erased]';

/** Search words, preview and the customer reading of a thread, from the messages it has left. */
export async function rebuildConversationText(trx: Db, workspaceId: string, ids: string[]): Promise<void> {
  await sql`
    UPDATE conversations c SET
      search = search_vector(c.subject, (SELECT string_agg(m.text, ' ' ORDER BY m.created_at, m.id) FROM messages m WHERE m.conversation_id = c.id AND m.text <> ${ERASED_TEXT})),
      preview = coalesce((SELECT left(btrim(regexp_replace(m.text, '\\s+', ' ', 'g')), 160) FROM messages m WHERE m.conversation_id = c.id AND m.direction <> 'note' ORDER BY m.created_at DESC, m.id DESC LIMIT 1), ''),
      (language, sentiment, category) = (
        SELECT m.language, m.sentiment, m.category FROM messages m
        WHERE m.conversation_id = c.id AND m.direction = 'inbound' AND m.contact_id IS NOT NULL
        ORDER BY m.created_at DESC, m.id DESC LIMIT 1),
      updated_at = now()
    WHERE c.workspace_id = ${workspaceId} AND c.id = ANY(${ids}::uuid[])`.execute(trx);
}
