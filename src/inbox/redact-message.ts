import type { Kysely } from 'kysely';
import { recordAudit } from '../db/audit-log.js';
import { rebuildConversationText } from '../db/conversation-text.js';
import { type Actor, recordHistory } from '../db/history.js';
import { MESSAGE_COLUMNS, type MessageDto, toMessageDto } from '../db/messages.js';
import { enqueueEvents } from '../db/outbox.js';
import type { Database } from '../db/schema.js';
import { AppError } from '../domain/errors.js';
import { detectPii, redactPii } from '../nlp/index.js';

/**
 * An agent removes personal data from a message: every detected span (e-mail, phone, IBAN …) is
 * replaced by its kind, the HTML version is dropped, and the conversation's search words are
 * rebuilt, so the data is gone from the message, search and previews alike. Recorded in the
 * conversation's history and the audit log, without the removed values.
 */
export async function redactMessage(db: Kysely<Database>, workspaceId: string, messageId: string, actor: Actor & { type: 'user' | 'token' }): Promise<MessageDto> {
  return db.transaction().execute(async (trx) => {
    const message = await trx.selectFrom('messages').select(MESSAGE_COLUMNS).where('workspaceId', '=', workspaceId).where('id', '=', messageId).forUpdate().executeTakeFirst();
    if (!message) throw new AppError('not_found', 'Message not found.');
    const spans = detectPii(message.text);
    if (spans.length === 0) throw new AppError('conflict', 'No personal data found in this message.');
    const updated = await trx
      .updateTable('messages')
      .set({ text: redactPii(message.text, spans), html: null, pii: '[]' })
      .where('id', '=', message.id)
      .returning(MESSAGE_COLUMNS)
      .executeTakeFirstOrThrow();
    await rebuildConversationText(trx, workspaceId, [message.conversationId]);
    const kinds = [...new Set(spans.map((s) => s.kind))];
    await recordHistory(trx, workspaceId, message.conversationId, actor, 'message.redacted', { messageId: message.id, kinds });
    await recordAudit(trx, workspaceId, actor, { action: 'message.redacted', targetType: 'message', targetId: message.id, metadata: { kinds, count: spans.length } });
    const dto = toMessageDto(updated);
    await enqueueEvents(trx, [{ type: 'message.updated', workspaceId, data: { ...dto } }]);
    return dto;
  });
}
