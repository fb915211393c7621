import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { ARTICLE_COLUMNS, type ArticleDto, type ArticleRow, findArticle, toArticleDto } from '../db/articles.js';
import type { ArticleLanguage, ArticleStatus, Database, Db, Role } from '../db/schema.js';
import { isUniqueViolation } from '../db/unique-violation.js';
import { AppError } from '../domain/errors.js';
import { recordArticleWords } from './article-words.js';
import { renderArticleMarkdown } from './render-markdown.js';
import { slugify } from './slug.js';

export interface ArticleInput {
  language: ArticleLanguage;
  title: string;
  bodyMd: string;
  categoryId?: string | null;
  tags?: string[];
  status?: Exclude<ArticleStatus, 'published'>;
  slug?: string;
  relatedIds?: string[];
  /** Another article this one translates: both join one translation group. */
  translationOf?: string;
}

export type ArticlePatch = Partial<Omit<ArticleInput, 'translationOf'>> & { translationOf?: string | null };

/** Who acts, and with which role: the publishing rule depends on it. */
export interface Editor {
  userId: string | null;
  role: Role;
}

/**
 * Agents write drafts and internal articles; what customers read is an admin's call. So a
 * published article is changed, unpublished or deleted by admins only, and only publishArticle
 * (admins) makes an article public, recording the admin as its reviewer.
 */
function assertMayChange(article: ArticleRow, editor: Editor): void {
  if (article.status === 'published' && editor.role !== 'admin') {
    throw new AppError('forbidden', 'This article is published: only an admin may change it. Ask an admin, or write a new draft.');
  }
}

async function assertCategory(db: Db, workspaceId: string, categoryId: string | null | undefined): Promise<void> {
  if (!categoryId) return;
  const found = await db.selectFrom('kbCategories').select('id').where('workspaceId', '=', workspaceId).where('id', '=', categoryId).executeTakeFirst();
  if (!found) throw new AppError('invalid', 'The category does not exist in this workspace.', { field: 'categoryId' });
}

async function setRelated(db: Db, workspaceId: string, articleId: string, relatedIds: string[]): Promise<void> {
  const wanted = [...new Set(relatedIds)].filter((id) => id !== articleId);
  if (wanted.length > 0) {
    const found = await db.selectFrom('articles').select('id').where('workspaceId', '=', workspaceId).where('id', 'in', wanted).execute();
    if (found.length !== wanted.length) throw new AppError('invalid', 'A related article does not exist in this workspace.', { field: 'relatedIds' });
  }
  await db.deleteFrom('articleRelations').where('workspaceId', '=', workspaceId).where('articleId', '=', articleId).execute();
  if (wanted.length > 0) await db.insertInto('articleRelations').values(wanted.map((relatedId) => ({ workspaceId, articleId, relatedId }))).execute();
}

async function translationGroupOf(db: Db, workspaceId: string, otherId: string, language: ArticleLanguage): Promise<string> {
  const other = await db.selectFrom('articles').select(['translationGroup', 'language']).where('workspaceId', '=', workspaceId).where('id', '=', otherId).executeTakeFirst();
  if (!other) throw new AppError('invalid', 'The article to translate does not exist in this workspace.', { field: 'translationOf' });
  if (other.language === language) throw new AppError('invalid', 'A translation needs the other language.', { field: 'language' });
  return other.translationGroup;
}

/** A free slug for the language: the title's, numbered when taken. */
async function freeSlug(db: Db, workspaceId: string, language: ArticleLanguage, wanted: string, exceptId?: string): Promise<string> {
  const base = slugify(wanted);
  let q = db.selectFrom('articles').select('slug').where('workspaceId', '=', workspaceId).where('language', '=', language).where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)]));
  if (exceptId) q = q.where('id', '<>', exceptId);
  const taken = new Set((await q.execute()).map((r) => r.slug));
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}

function conflictOnTranslation(err: unknown): never {
  if (isUniqueViolation(err)) throw new AppError('conflict', 'This translation group has an article in that language already.', { field: 'translationOf' });
  throw err;
}

export async function createArticle(db: Kysely<Database>, workspaceId: string, editor: Editor, input: ArticleInput): Promise<ArticleDto> {
  return db.transaction().execute((trx) => insertArticle(trx, workspaceId, editor, input, null));
}

/** Writes a new article and its first version; the caller holds the transaction. */
export async function insertArticle(trx: Db, workspaceId: string, editor: Editor, input: ArticleInput, sourceConversationId: string | null): Promise<ArticleDto> {
  await assertCategory(trx, workspaceId, input.categoryId);
  const translationGroup = input.translationOf ? await translationGroupOf(trx, workspaceId, input.translationOf, input.language) : undefined;
  const row = await trx
    .insertInto('articles')
    .values({
      workspaceId,
      ...(translationGroup && { translationGroup }),
      language: input.language,
      slug: await freeSlug(trx, workspaceId, input.language, input.slug ?? input.title),
      title: input.title,
      bodyMd: input.bodyMd,
      bodyHtml: renderArticleMarkdown(input.bodyMd),
      categoryId: input.categoryId ?? null,
      tags: input.tags ?? [],
      status: input.status ?? 'draft',
      authorId: editor.userId,
      sourceConversationId,
    })
    .returning(ARTICLE_COLUMNS)
    .executeTakeFirstOrThrow()
    .catch(conflictOnTranslation);
  await trx.insertInto('articleVersions').values({ workspaceId, articleId: row.id, version: 1, title: row.title, bodyMd: row.bodyMd, authorId: editor.userId }).execute();
  await recordArticleWords(trx, workspaceId, row.language, [row.title, ...row.tags, row.bodyMd]);
  if (input.relatedIds) await setRelated(trx, workspaceId, row.id, input.relatedIds);
  return toArticleDto(trx, row);
}

/** Saves a change; a new title or text becomes the next version. */
export async function updateArticle(db: Kysely<Database>, workspaceId: string, id: string, editor: Editor, patch: ArticlePatch): Promise<ArticleDto> {
  return db.transaction().execute((trx) => applyArticlePatch(trx, workspaceId, id, editor, patch));
}

export async function applyArticlePatch(trx: Db, workspaceId: string, id: string, editor: Editor, patch: ArticlePatch): Promise<ArticleDto> {
  const current = await findArticle(trx, workspaceId, id, true);
  assertMayChange(current, editor);
  await assertCategory(trx, workspaceId, patch.categoryId);
  const language = patch.language ?? current.language;
  const contentChanged = (patch.title !== undefined && patch.title !== current.title) || (patch.bodyMd !== undefined && patch.bodyMd !== current.bodyMd);
  const version = contentChanged ? current.version + 1 : current.version;
  let translationGroup: string | undefined;
  if (patch.translationOf) translationGroup = await translationGroupOf(trx, workspaceId, patch.translationOf, language);
  else if (patch.translationOf === null) translationGroup = randomUUID();
  const row = await trx
    .updateTable('articles')
    .set({
      ...(patch.title !== undefined && { title: patch.title }),
      ...(patch.bodyMd !== undefined && { bodyMd: patch.bodyMd, bodyHtml: renderArticleMarkdown(patch.bodyMd) }),
      ...(patch.categoryId !== undefined && { categoryId: patch.categoryId }),
      ...(patch.tags !== undefined && { tags: patch.tags }),
      ...(patch.status !== undefined && { status: patch.status, ...(current.status === 'published' && { publishedAt: null }) }),
      ...(patch.language !== undefined && { language }),
      ...((patch.slug !== undefined || patch.language !== undefined) && { slug: await freeSlug(trx, workspaceId, language, patch.slug ?? current.slug, id) }),
      ...(translationGroup && { translationGroup }),
      version,
      updatedAt: new Date(),
    })
    .where('id', '=', id)
    .returning(ARTICLE_COLUMNS)
    .executeTakeFirstOrThrow()
    .catch(conflictOnTranslation);
  if (contentChanged) await trx.insertInto('articleVersions').values({ workspaceId, articleId: id, version, title: row.title, bodyMd: row.bodyMd, authorId: editor.userId }).execute();
  if (contentChanged || patch.tags !== undefined || patch.language !== undefined) await recordArticleWords(trx, workspaceId, row.language, [row.title, ...row.tags, row.bodyMd]);
  if (patch.relatedIds) await setRelated(trx, workspaceId, id, patch.relatedIds);
  return toArticleDto(trx, row);
}

/** An admin's review: the article goes public with its current text. */
export async function publishArticle(db: Kysely<Database>, workspaceId: string, id: string, editor: Editor): Promise<ArticleDto> {
  if (editor.role !== 'admin') throw new AppError('forbidden', 'Only an admin reviews and publishes articles.');
  return db.transaction().execute(async (trx) => {
    const current = await findArticle(trx, workspaceId, id, true);
    const now = new Date();
    const row = await trx
      .updateTable('articles')
      .set({ status: 'published', reviewerId: editor.userId, reviewedAt: now, publishedAt: current.publishedAt ?? now, updatedAt: now })
      .where('id', '=', id)
      .returning(ARTICLE_COLUMNS)
      .executeTakeFirstOrThrow();
    return toArticleDto(trx, row);
  });
}

export async function deleteArticle(db: Kysely<Database>, workspaceId: string, id: string, editor: Editor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    assertMayChange(await findArticle(trx, workspaceId, id, true), editor);
    await trx.deleteFrom('articles').where('workspaceId', '=', workspaceId).where('id', '=', id).execute();
  });
}
