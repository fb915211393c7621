import type { Db } from '../../db/schema.js';
import { SuggestionEngine, type SuggestionDocument } from './engine.js';
import { articlesFingerprint, loadArticleDocuments, loadPastAnswers, pastAnswersFingerprint, type ArticleDocument, type PastAnswerDocument } from './knowledge-source.js';

type Cached<D extends SuggestionDocument> = Map<string, { fingerprint: string; engine: Promise<SuggestionEngine<D>> }>;

/**
 * Each workspace's article and past-answer indexes, built on first use and kept in memory. Before
 * each use one small query (article count and latest change; for past answers the latest
 * resolution) tells whether an index is stale, so a saved article is suggested at once without
 * rebuilding on every request. Requests that find the same stale index share one rebuild.
 */
export class KnowledgeIndexes {
  private readonly articles: Cached<ArticleDocument> = new Map();
  private readonly answers: Cached<PastAnswerDocument> = new Map();

  async articlesOf(db: Db, workspaceId: string): Promise<SuggestionEngine<ArticleDocument>> {
    return fresh(this.articles, workspaceId, await articlesFingerprint(db, workspaceId), async () => new SuggestionEngine(await loadArticleDocuments(db, workspaceId)));
  }

  async pastAnswersOf(db: Db, workspaceId: string): Promise<SuggestionEngine<PastAnswerDocument>> {
    return fresh(this.answers, workspaceId, await pastAnswersFingerprint(db, workspaceId), async () => new SuggestionEngine(await loadPastAnswers(db, workspaceId)));
  }
}

function fresh<D extends SuggestionDocument>(cache: Cached<D>, workspaceId: string, fingerprint: string, build: () => Promise<SuggestionEngine<D>>): Promise<SuggestionEngine<D>> {
  const cached = cache.get(workspaceId);
  if (cached?.fingerprint === fingerprint) return cached.engine;
  const engine = build();
  cache.set(workspaceId, { fingerprint, engine });
  // A failed build is not kept: the next request tries again.
  engine.catch(() => {
    if (cache.get(workspaceId)?.engine === engine) cache.delete(workspaceId);
  });
  return engine;
}
