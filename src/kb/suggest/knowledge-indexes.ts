import type { Db } from '../../db/schema.js';
import { StampedCache } from '../../runtime/stamped-cache.js';
import { SuggestionEngine } from './engine.js';
import { articlesFingerprint, loadArticleDocuments, loadPastAnswers, pastAnswersFingerprint, type ArticleDocument, type PastAnswerDocument } from './knowledge-source.js';

/**
 * Each workspace's article and past-answer indexes, built on first use and kept in memory. Before
 * each use one small query (article count and latest change; for past answers the latest
 * resolution) tells whether an index is stale, so a saved article is suggested at once without
 * rebuilding on every request. Requests that find the same stale index share one rebuild.
 */
export class KnowledgeIndexes {
  private readonly articles = new StampedCache<SuggestionEngine<ArticleDocument>>();
  private readonly answers = new StampedCache<SuggestionEngine<PastAnswerDocument>>();

  async articlesOf(db: Db, workspaceId: string): Promise<SuggestionEngine<ArticleDocument>> {
    return this.articles.get(workspaceId, await articlesFingerprint(db, workspaceId), async () => new SuggestionEngine(await loadArticleDocuments(db, workspaceId)));
  }

  async pastAnswersOf(db: Db, workspaceId: string): Promise<SuggestionEngine<PastAnswerDocument>> {
    return this.answers.get(workspaceId, await pastAnswersFingerprint(db, workspaceId), async () => new SuggestionEngine(await loadPastAnswers(db, workspaceId)));
  }
}
