import type { ArticleLanguage } from '../../db/schema.js';
import { escapeHtml } from '../../security/sanitize.js';
import type { HelpSite } from './load.js';
import { helpStrings } from './strings.js';

/** Where a page is: its site, language and address parts (links work on /help/{slug} and on the site's own host). */
export interface PageContext {
  site: HelpSite;
  language: ArticleLanguage;
  /** "/help/{slug}", or "" on the help center's own host. */
  base: string;
  /** Scheme and host the visitor used, for canonical and alternate addresses. */
  origin: string;
}

export interface PageContent {
  title: string;
  description: string;
  /** This page's address below the base, e.g. "/de/articles/ruecksendung". */
  path: string;
  /** The same page in other languages. */
  alternates: { language: ArticleLanguage; path: string }[];
  ogType: 'website' | 'article';
  main: string;
  /** Search engines should not index result lists and error pages. */
  noindex?: boolean;
}

const OG_LOCALE: Record<ArticleLanguage, string> = { de: 'de_DE', en: 'en_US' };

export function otherLanguage(language: ArticleLanguage): ArticleLanguage {
  return language === 'de' ? 'en' : 'de';
}

export function renderPage(ctx: PageContext, page: PageContent): string {
  const t = helpStrings(ctx.language);
  const e = escapeHtml;
  const url = (path: string) => e(`${ctx.origin}${ctx.base}${path}`);
  const home = `${ctx.base}/${ctx.language}`;
  const other = otherLanguage(ctx.language);
  const switchTo = page.alternates.find((a) => a.language === other)?.path ?? `/${other}`;
  const logo = ctx.site.settings.logoUrl;
  const siteTitle = `${ctx.site.name} – ${t.helpCenter}`;
  const alternates = [{ language: ctx.language, path: page.path }, ...page.alternates]
    .map((a) => `<link rel="alternate" hreflang="${a.language}" href="${url(a.path)}">`)
    .join('');
  return `<!doctype html>
<html lang="${ctx.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(page.title === siteTitle ? siteTitle : `${page.title} · ${siteTitle}`)}</title>
<meta name="description" content="${e(page.description)}">
${page.noindex ? '<meta name="robots" content="noindex">' : ''}<link rel="canonical" href="${url(page.path)}">
${alternates}
<meta property="og:type" content="${page.ogType}">
<meta property="og:title" content="${e(page.title)}">
<meta property="og:description" content="${e(page.description)}">
<meta property="og:url" content="${url(page.path)}">
<meta property="og:site_name" content="${e(siteTitle)}">
<meta property="og:locale" content="${OG_LOCALE[ctx.language]}">
${logo ? `<meta property="og:image" content="${e(logo)}">` : ''}
<link rel="stylesheet" href="${e(ctx.base)}/theme.css">
</head>
<body>
<header class="top">
<a class="brand" href="${e(home)}">${logo ? `<img src="${e(logo)}" alt="" height="32">` : ''}<span>${e(siteTitle)}</span></a>
<a class="lang" href="${e(ctx.base + switchTo)}" hreflang="${other}" lang="${other}" title="${e(t.languageSwitch)}">${e(t.otherLanguage)}</a>
</header>
<form class="search" role="search" method="get" action="${e(home)}/search">
<label for="q">${e(t.searchLabel)}</label>
<input id="q" name="q" type="search" placeholder="${e(t.searchPlaceholder)}" maxlength="200">
<button type="submit">${e(t.searchButton)}</button>
</form>
<main>
${page.main}
</main>
</body>
</html>`;
}

const STYLE = `*{box-sizing:border-box}body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2430;background:#f7f8fa}
.top{display:flex;justify-content:space-between;align-items:center;padding:12px 24px;background:var(--primary);color:#fff}
.top a{color:#fff;text-decoration:none}.brand{display:flex;gap:10px;align-items:center;font-weight:600}
.search{max-width:760px;margin:24px auto 0;padding:0 16px;display:flex;gap:8px;flex-wrap:wrap}
.search label{flex-basis:100%;font-weight:600}.search input{flex:1;padding:10px;border:1px solid #c5cad3;border-radius:6px;font:inherit}
.search button,.feedback button{padding:10px 16px;border:0;border-radius:6px;background:var(--primary);color:#fff;font:inherit;cursor:pointer}
main{max-width:760px;margin:0 auto;padding:16px}a{color:var(--primary)}h1{line-height:1.25}
.cards{list-style:none;padding:0;display:grid;gap:12px;grid-template-columns:repeat(auto-fill,minmax(220px,1fr))}
.cards li{background:#fff;border:1px solid #e2e5ea;border-radius:8px;padding:12px 16px}
.hits{list-style:none;padding:0}.hits li{margin:0 0 16px}.hits p{margin:4px 0;color:#555}
article{background:#fff;border:1px solid #e2e5ea;border-radius:8px;padding:8px 24px 16px}article img{max-width:100%}
.meta{color:#667;font-size:.9em}.tags span{display:inline-block;margin:0 6px 6px 0;padding:2px 8px;border-radius:10px;background:#eef0f4;font-size:.85em}
.feedback{margin:24px 0;display:flex;gap:8px;align-items:center;flex-wrap:wrap}.notice{padding:10px 14px;border-radius:6px;background:#eef7ee}
pre{overflow:auto;background:#f1f3f6;padding:12px;border-radius:6px}table{border-collapse:collapse}td,th{border:1px solid #d9dde3;padding:4px 8px}`;

const DEFAULT_PRIMARY = '#2f5bd3';

/** The stylesheet with the workspace's colour; only a strict #rrggbb ever reaches it. */
export function renderThemeCss(site: HelpSite): string {
  const color = site.settings.primaryColor && /^#[0-9a-f]{6}$/.test(site.settings.primaryColor) ? site.settings.primaryColor : DEFAULT_PRIMARY;
  return `:root{--primary:${color}}\n${STYLE}\n`;
}
