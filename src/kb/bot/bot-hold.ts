import type { ExpressionBuilder } from 'kysely';
import type { Database } from '../../db/schema.js';

/**
 * For routing: conversations the bot is still deciding on or waiting for feedback in are not
 * waiting for an agent. A hand-over (or a customer who says it did not help) releases them.
 */
export function notHeldByBot(eb: ExpressionBuilder<Database & { c: Database['conversations'] }, 'c'>) {
  return eb.not(
    eb.exists(
      eb
        .selectFrom('kbBotConversations as b')
        .select('b.conversationId')
        .whereRef('b.conversationId', '=', 'c.id')
        .where((w) => w.or([w('b.pendingMessageId', 'is not', null), w('b.state', '=', 'awaiting_feedback')])),
    ),
  );
}
