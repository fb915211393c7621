import type { Db } from '../db/schema.js';
import { AppError } from '../domain/errors.js';

/**
 * Records that articles answered a conversation (inserted as a suggestion, sent by the bot), so
 * articles whose conversations keep reopening can be found. Articles of another workspace are
 * unknown here.
 */
export async function recordArticleUse(trx: Db, workspaceId: string, conversationId: string, articleIds: readonly string[], via: 'suggestion' | 'bot'): Promise<void> {
  const ids = [...new Set(articleIds)];
  if (ids.length === 0) return;
  const found = await trx.selectFrom('articles').select('id').where('workspaceId', '=', workspaceId).where('id', 'in', ids).execute();
  if (found.length !== ids.length) throw new AppError('not_found', 'Article not found.');
  await trx
    .insertInto('articleConversations')
    .values(ids.map((articleId) => ({ workspaceId, articleId, conversationId, via })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}
