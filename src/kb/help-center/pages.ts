import type { KbCategoryDto } from '../../db/kb-categories.js';
import type { ArticleLanguage } from '../../db/schema.js';
import { escapeHtml as e } from '../../security/sanitize.js';
import { otherLanguage, type PageContext, renderPage } from './layout.js';
import type { HelpArticlePage } from './load.js';
import { type HelpSearchHit, textExcerpt } from './search.js';
import { helpStrings } from './strings.js';

type ArticleLink = { slug: string; title: string };

// Built once: a formatter per page would cost more than the rest of the page.
const DATES: Record<ArticleLanguage, Intl.DateTimeFormat> = {
  de: new Intl.DateTimeFormat('de-DE', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }),
};

function categoryName(c: KbCategoryDto, language: ArticleLanguage): string {
  return language === 'de' ? c.nameDe : c.nameEn;
}

function articleHref(ctx: PageContext, slug: string): string {
  return e(`${ctx.base}/${ctx.language}/articles/${encodeURIComponent(slug)}`);
}

function linkList(ctx: PageContext, articles: ArticleLink[]): string {
  return `<ul>${articles.map((a) => `<li><a href="${articleHref(ctx, a.slug)}">${e(a.title)}</a></li>`).join('')}</ul>`;
}

export function renderHomePage(ctx: PageContext, articles: (ArticleLink & { categoryId: string | null })[]): string {
  const t = helpStrings(ctx.language);
  const groups = ctx.site.categories
    .map((c) => ({ c, items: articles.filter((a) => a.categoryId === c.id) }))
    .filter((g) => g.items.length > 0);
  const known = new Set(ctx.site.categories.map((c) => c.id));
  const loose = articles.filter((a) => !a.categoryId || !known.has(a.categoryId));
  const cards = groups
    .map(({ c, items }) => `<li><h3><a href="${e(`${ctx.base}/${ctx.language}/categories/${encodeURIComponent(c.slug)}`)}">${e(categoryName(c, ctx.language))}</a></h3>${linkList(ctx, items.slice(0, 5))}</li>`)
    .join('');
  const main = `<h1>${e(t.helpCenter)}</h1>
${articles.length === 0 ? `<p>${e(t.noArticles)}</p>` : ''}${cards ? `<h2>${e(t.categories)}</h2><ul class="cards">${cards}</ul>` : ''}
${loose.length ? `<h2>${e(t.otherArticles)}</h2>${linkList(ctx, loose)}` : ''}`;
  return renderPage(ctx, {
    title: `${ctx.site.name} – ${t.helpCenter}`,
    description: `${ctx.site.name}: ${t.helpCenter}. ${articles.slice(0, 5).map((a) => a.title).join(' · ')}`,
    path: `/${ctx.language}`,
    alternates: [{ language: otherLanguage(ctx.language), path: `/${otherLanguage(ctx.language)}` }],
    ogType: 'website',
    main,
  });
}

export function renderCategoryPage(ctx: PageContext, category: KbCategoryDto, articles: ArticleLink[]): string {
  const t = helpStrings(ctx.language);
  const name = categoryName(category, ctx.language);
  const other = otherLanguage(ctx.language);
  return renderPage(ctx, {
    title: name,
    description: `${name}: ${articles.slice(0, 5).map((a) => a.title).join(' · ')}`,
    path: `/${ctx.language}/categories/${encodeURIComponent(category.slug)}`,
    alternates: [{ language: other, path: `/${other}/categories/${encodeURIComponent(category.slug)}` }],
    ogType: 'website',
    main: `<h1>${e(name)}</h1>${articles.length ? linkList(ctx, articles) : `<p>${e(t.noArticles)}</p>`}`,
  });
}

export function renderSearchPage(ctx: PageContext, query: string, hits: HelpSearchHit[]): string {
  const t = helpStrings(ctx.language);
  const list = hits.length
    ? `<ol class="hits">${hits.map((h) => `<li><a href="${articleHref(ctx, h.slug)}">${e(h.title)}</a><p>${e(h.excerpt)}</p></li>`).join('')}</ol>`
    : `<p>${e(t.noResults)}</p>`;
  return renderPage(ctx, {
    title: `${t.resultsFor} „${query}“`,
    description: `${t.resultsFor} „${query}“`,
    path: `/${ctx.language}/search?q=${encodeURIComponent(query)}`,
    alternates: [],
    ogType: 'website',
    noindex: true,
    main: `<h1>${e(t.resultsFor)} „${e(query)}“</h1>${list}`,
  });
}

export type FeedbackNotice = 'thanks' | 'too_many' | null;

/**
 * The article's HTML comes from the sanitiser when it was saved; everything else is escaped here.
 * Uploaded images move to the help center's own file address, which visitors may load.
 */
export function renderArticlePage(ctx: PageContext, article: HelpArticlePage, notice: FeedbackNotice = null): string {
  const t = helpStrings(ctx.language);
  const category = ctx.site.categories.find((c) => c.id === article.categoryId);
  const path = `/${ctx.language}/articles/${encodeURIComponent(article.slug)}`;
  const updated = DATES[ctx.language].format(article.updatedAt);
  const feedback = notice
    ? `<p class="notice" role="status">${e(notice === 'thanks' ? t.thanks : t.tooMany)}</p>`
    : `<form class="feedback" method="post" action="${e(ctx.base + path)}/feedback"><span>${e(t.wasHelpful)}</span><button name="helpful" value="yes">${e(t.yes)}</button><button name="helpful" value="no">${e(t.no)}</button></form>`;
  const main = `<article>
<p class="meta">${category ? `<a href="${e(`${ctx.base}/${ctx.language}/categories/${encodeURIComponent(category.slug)}`)}">${e(categoryName(category, ctx.language))}</a> · ` : ''}${e(t.updated)} ${e(updated)}</p>
<h1>${e(article.title)}</h1>
${article.bodyHtml.replaceAll('src="/api/v1/attachments/', `src="${e(ctx.base)}/files/`)}
${article.tags.length ? `<p class="tags">${article.tags.map((tag) => `<span>${e(tag)}</span>`).join('')}</p>` : ''}
</article>
${feedback}
${article.related.length ? `<h2>${e(t.related)}</h2>${linkList(ctx, article.related)}` : ''}`;
  return renderPage(ctx, {
    title: article.title,
    description: textExcerpt(article.bodyHtml, 160),
    path,
    alternates: article.translations.map((tr) => ({ language: tr.language, path: `/${tr.language}/articles/${encodeURIComponent(tr.slug)}` })),
    ogType: 'article',
    main,
  });
}

export function renderNotFoundPage(ctx: PageContext): string {
  const t = helpStrings(ctx.language);
  return renderPage(ctx, {
    title: t.notFound,
    description: t.notFound,
    path: `/${ctx.language}`,
    alternates: [],
    ogType: 'website',
    noindex: true,
    main: `<h1>${e(t.notFound)}</h1><p><a href="${e(`${ctx.base}/${ctx.language}`)}">${e(t.backHome)}</a></p>`,
  });
}
