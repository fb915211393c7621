import { type Selectable, sql } from 'kysely';
import { AppError } from '../domain/errors.js';
import type { ArticleLanguage, ArticleStatus, ArticlesTable, Db } from './schema.js';

export type ArticleRow = Omit<Selectable<ArticlesTable>, 'search'>;

export const ARTICLE_COLUMNS = [
  'id', 'workspaceId', 'translationGroup', 'language', 'slug', 'title', 'bodyMd', 'bodyHtml', 'categoryId', 'tags', 'status',
  'authorId', 'reviewerId', 'reviewedAt', 'publishedAt', 'version', 'sourceConversationId', 'helpfulYes', 'helpfulNo', 'createdAt', 'updatedAt',
] as const;

export interface ArticleSummaryDto {
  id: string;
  translationGroup: string;
  language: ArticleLanguage;
  slug: string;
  title: string;
  categoryId: string | null;
  tags: string[];
  status: ArticleStatus;
  version: number;
  authorId: string | null;
  updatedAt: string;
  publishedAt: string | null;
}

export interface ArticleDto extends ArticleSummaryDto {
  bodyMd: string;
  bodyHtml: string;
  reviewerId: string | null;
  reviewedAt: string | null;
  sourceConversationId: string | null;
  helpfulYes: number;
  helpfulNo: number;
  createdAt: string;
  relatedIds: string[];
  translations: { id: string; language: ArticleLanguage; title: string; status: ArticleStatus }[];
}

export function toArticleSummary(r: Pick<ArticleRow, keyof ArticleSummaryDto>): ArticleSummaryDto {
  return {
    id: r.id,
    translationGroup: r.translationGroup,
    language: r.language,
    slug: r.slug,
    title: r.title,
    categoryId: r.categoryId,
    tags: r.tags,
    status: r.status,
    version: r.version,
    authorId: r.authorId,
    updatedAt: r.updatedAt.toISOString(),
    publishedAt: r.publishedAt?.toISOString() ?? null,
  };
}

export async function findArticle(db: Db, workspaceId: string, id: string, lock = false): Promise<ArticleRow> {
  let q = db.selectFrom('articles').select(ARTICLE_COLUMNS).where('workspaceId', '=', workspaceId).where('id', '=', id);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw new AppError('not_found', 'Article not found.');
  return row;
}

/** The article with its related articles and its other language versions. */
export async function getArticle(db: Db, workspaceId: string, id: string): Promise<ArticleDto> {
  return toArticleDto(db, await findArticle(db, workspaceId, id));
}

export async function toArticleDto(db: Db, r: ArticleRow): Promise<ArticleDto> {
  const [related, translations] = await Promise.all([
    db.selectFrom('articleRelations').select('relatedId').where('workspaceId', '=', r.workspaceId).where('articleId', '=', r.id).orderBy('relatedId').execute(),
    db
      .selectFrom('articles')
      .select(['id', 'language', 'title', 'status'])
      .where('workspaceId', '=', r.workspaceId)
      .where('translationGroup', '=', r.translationGroup)
      .where('id', '<>', r.id)
      .orderBy('language')
      .execute(),
  ]);
  return {
    ...toArticleSummary(r),
    bodyMd: r.bodyMd,
    bodyHtml: r.bodyHtml,
    reviewerId: r.reviewerId,
    reviewedAt: r.reviewedAt?.toISOString() ?? null,
    sourceConversationId: r.sourceConversationId,
    helpfulYes: r.helpfulYes,
    helpfulNo: r.helpfulNo,
    createdAt: r.createdAt.toISOString(),
    relatedIds: related.map((x) => x.relatedId),
    translations,
  };
}

export interface ArticleFilter {
  status?: ArticleStatus[];
  language?: ArticleLanguage;
  categoryId?: string;
  tag?: string;
  q?: string;
  limit: number;
}

/** Agents' list: every status, newest change first; `q` searches the stemmed text and the title's trigrams. */
export async function listArticles(db: Db, workspaceId: string, f: ArticleFilter): Promise<ArticleSummaryDto[]> {
  let q = db
    .selectFrom('articles')
    .select(['id', 'translationGroup', 'language', 'slug', 'title', 'categoryId', 'tags', 'status', 'version', 'authorId', 'updatedAt', 'publishedAt'])
    .where('workspaceId', '=', workspaceId);
  if (f.status?.length) q = q.where('status', 'in', f.status);
  if (f.language) q = q.where('language', '=', f.language);
  if (f.categoryId) q = q.where('categoryId', '=', f.categoryId);
  if (f.tag) q = q.where('tags', '@>', [f.tag]);
  const text = f.q?.trim();
  if (text) {
    const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where(sql<boolean>`(search @@ websearch_to_tsquery('german', ${text}) OR search @@ websearch_to_tsquery('english', ${text}) OR search @@ websearch_to_tsquery('simple', ${text}) OR lower(title) LIKE ${pattern})`);
  }
  const rows = await q.orderBy('updatedAt', 'desc').orderBy('id').limit(f.limit).execute();
  return rows.map(toArticleSummary);
}
