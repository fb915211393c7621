import { type Kysely, sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { getAttachment, type StoredAttachment } from '../../db/attachments.js';
import { getHelpCenterSettings, type HelpCenterSettings } from '../../db/help-centers.js';
import { type KbCategoryDto, listKbCategories } from '../../db/kb-categories.js';
import type { ArticleLanguage, Database } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import { TtlCache } from '../../runtime/ttl-cache.js';

/** What every page of one workspace's help center needs: who it is, its look, its topics. */
export interface HelpSite {
  workspaceId: string;
  slug: string;
  name: string;
  defaultLanguage: ArticleLanguage;
  settings: HelpCenterSettings;
  categories: KbCategoryDto[];
}

export interface HelpArticlePage {
  id: string;
  slug: string;
  language: ArticleLanguage;
  title: string;
  bodyHtml: string;
  tags: string[];
  categoryId: string | null;
  updatedAt: Date;
  translations: { language: ArticleLanguage; slug: string }[];
  related: { slug: string; title: string }[];
}

/**
 * Sites are cached for a few seconds: a busy help center asks for the same workspace, theme and
 * topics on every page, and a changed theme may show a few seconds late.
 */
export class HelpSites {
  private readonly cache = new TtlCache<HelpSite | null>(5_000);

  constructor(private readonly db: Kysely<Database>) {}

  async get(slug: string): Promise<HelpSite> {
    const site = await this.cache.get(slug, () => loadSite(this.db, slug));
    if (!site) throw new AppError('not_found', 'No help center here.');
    return site;
  }
}

async function loadSite(db: Kysely<Database>, slug: string): Promise<HelpSite | null> {
  const ws = await db.selectFrom('workspaces').select(['id', 'slug', 'name', 'locale']).where('slug', '=', slug).executeTakeFirst();
  if (!ws) return null;
  const [settings, categories] = await Promise.all([getHelpCenterSettings(db, ws.id), listKbCategories(db, ws.id)]);
  return { workspaceId: ws.id, slug: ws.slug, name: ws.name, defaultLanguage: ws.locale.startsWith('en') ? 'en' : 'de', settings, categories };
}

/** A published article with its published translations and related articles of its language, in one query. */
export async function loadArticlePage(db: Kysely<Database>, workspaceId: string, language: ArticleLanguage, slug: string): Promise<HelpArticlePage> {
  const row = await db
    .selectFrom('articles as a')
    .select((eb) => [
      'a.id', 'a.slug', 'a.language', 'a.title', 'a.bodyHtml', 'a.tags', 'a.categoryId', 'a.updatedAt',
      jsonArrayFrom(
        eb
          .selectFrom('articles as t')
          .select(['t.language', 't.slug'])
          .whereRef('t.translationGroup', '=', 'a.translationGroup')
          .where('t.workspaceId', '=', workspaceId)
          .whereRef('t.id', '<>', 'a.id')
          .where('t.status', '=', 'published'),
      ).as('translations'),
      jsonArrayFrom(
        eb
          .selectFrom('articleRelations as ar')
          .innerJoin('articles as r', 'r.id', 'ar.relatedId')
          .select(['r.slug', 'r.title'])
          .whereRef('ar.articleId', '=', 'a.id')
          .whereRef('r.language', '=', 'a.language')
          .where('r.status', '=', 'published')
          .orderBy('r.title'),
      ).as('related'),
    ])
    .where('a.workspaceId', '=', workspaceId)
    .where('a.language', '=', language)
    .where('a.slug', '=', slug)
    .where('a.status', '=', 'published')
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', 'Article not found.');
  return row;
}

/** Published articles of one language for the home and topic pages, by title. */
export async function listPublishedArticles(db: Kysely<Database>, workspaceId: string, language: ArticleLanguage, categoryId?: string) {
  let q = db
    .selectFrom('articles')
    .select(['slug', 'title', 'categoryId'])
    .where('workspaceId', '=', workspaceId)
    .where('status', '=', 'published')
    .where('language', '=', language);
  if (categoryId) q = q.where('categoryId', '=', categoryId);
  return q.orderBy('title').limit(500).execute();
}

/** Every published article with its published translations, for the sitemap. */
export async function listSitemapEntries(db: Kysely<Database>, workspaceId: string) {
  return db
    .selectFrom('articles')
    .select(['language', 'slug', 'translationGroup', 'updatedAt'])
    .where('workspaceId', '=', workspaceId)
    .where('status', '=', 'published')
    .orderBy('translationGroup')
    .orderBy('language')
    .limit(50_000)
    .execute();
}

const PUBLIC_IMAGE = /^image\/(png|jpeg|gif|webp|avif)$/;

/**
 * An uploaded image a published article shows. Visitors get no other file: not one of a draft,
 * not one only a message carries, and no type a browser could run (SVG, HTML).
 */
export async function loadPublishedImage(db: Kysely<Database>, workspaceId: string, attachmentId: string): Promise<StoredAttachment> {
  const shown = await db
    .selectFrom('articles')
    .select('id')
    .where('workspaceId', '=', workspaceId)
    .where('status', '=', 'published')
    .where(sql<boolean>`body_html LIKE ${`%/api/v1/attachments/${attachmentId}%`}`)
    .limit(1)
    .executeTakeFirst();
  if (!shown) throw new AppError('not_found', 'File not found.');
  const file = await getAttachment(db, workspaceId, attachmentId);
  if (!PUBLIC_IMAGE.test(file.contentType)) throw new AppError('not_found', 'File not found.');
  return file;
}
