import type { Db } from '../../db/schema.js';
import { SuggestionEngine } from './engine.js';
import { articlesFingerprint, loadArticleDocuments, pastAnswersFingerprint, loadPastAnswers, type ArticleDocument, type PastAnswerDocument } from './knowledge-source.js';

/**
 * Each workspace's article and past-answer indexes, built on first use and kept in memory. Before
 * each use one small query (article count and latest change) tells whether the article index is
 * stale, so a saved article is suggested at once without rebuilding on every request; past answers
 * likewise by the latest resolution.
 */
export class KnowledgeIndexes {
  private readonly articles = new Map<string, { fingerprint: string; engine: SuggestionEngine<ArticleDocument> }>();
  private readonly answers = new Map<string, { fingerprint: string; engine: SuggestionEngine<PastAnswerDocument> }>();

  async articlesOf(db: Db, workspaceId: string): Promise<SuggestionEngine<ArticleDocument>> {
    const fingerprint = await articlesFingerprint(db, workspaceId);
    const cached = this.articles.get(workspaceId);
    if (cached?.fingerprint === fingerprint) return cached.engine;
    const engine = new SuggestionEngine(await loadArticleDocuments(db, workspaceId));
    this.articles.set(workspaceId, { fingerprint, engine });
    return engine;
  }

  async pastAnswersOf(db: Db, workspaceId: string): Promise<SuggestionEngine<PastAnswerDocument>> {
    const fingerprint = await pastAnswersFingerprint(db, workspaceId);
    const cached = this.answers.get(workspaceId);
    if (cached?.fingerprint === fingerprint) return cached.engine;
    const engine = new SuggestionEngine(await loadPastAnswers(db, workspaceId));
    this.answers.set(workspaceId, { fingerprint, engine });
    return engine;
  }
}
