import type { Kysely } from 'kysely';
import type { ArticleLanguage, Database } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';

/**
 * A visitor's "was this helpful?": counted once per visitor and article, whatever they post
 * later, so reloading or scripting the form cannot move the counts.
 */
export async function recordHelpfulVote(
  db: Kysely<Database>,
  workspaceId: string,
  language: ArticleLanguage,
  slug: string,
  visitor: string,
  helpful: boolean,
): Promise<'counted' | 'repeated'> {
  return db.transaction().execute(async (trx) => {
    const article = await trx
      .selectFrom('articles')
      .select('id')
      .where('workspaceId', '=', workspaceId)
      .where('language', '=', language)
      .where('slug', '=', slug)
      .where('status', '=', 'published')
      .executeTakeFirst();
    if (!article) throw new AppError('not_found', 'Article not found.');
    const vote = await trx
      .insertInto('articleFeedback')
      .values({ workspaceId, articleId: article.id, visitor, helpful })
      .onConflict((oc) => oc.columns(['articleId', 'visitor']).doNothing())
      .returning('articleId')
      .executeTakeFirst();
    if (!vote) return 'repeated';
    await trx
      .updateTable('articles')
      .set((eb) => (helpful ? { helpfulYes: eb('helpfulYes', '+', 1) } : { helpfulNo: eb('helpfulNo', '+', 1) }))
      .where('id', '=', article.id)
      .execute();
    return 'counted';
  });
}
