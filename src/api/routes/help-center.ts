import { createHmac } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ArticleLanguage } from '../../db/schema.js';
import { AppError, isAppError } from '../../domain/errors.js';
import { recordHelpfulVote } from '../../kb/help-center/feedback.js';
import type { HelpCenterHosts } from '../../kb/help-center/hosts.js';
import { renderThemeCss, type PageContext } from '../../kb/help-center/layout.js';
import { type HelpSites, listPublishedArticles, listSitemapEntries, loadArticlePage, loadPublishedImage } from '../../kb/help-center/load.js';
import { type FeedbackNotice, renderArticlePage, renderCategoryPage, renderHomePage, renderNotFoundPage, renderSearchPage } from '../../kb/help-center/pages.js';
import { searchHelpCenter } from '../../kb/help-center/search.js';
import { escapeHtml } from '../../security/sanitize.js';
import type { ApiContext } from '../context.js';
import { sendHtmlPage } from '../html-page.js';
import { createRateLimiter } from '../rate-limiter.js';

// Pages carry no script at all; styles and images come only from where the page allows.
const CSP = "default-src 'none'; style-src 'self'; img-src 'self' https:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
const VOTES_PER_WINDOW = 20;

const Site = z.object({ ws: z.string().max(63) }).strict();
const File = Site.extend({ id: z.uuid() }).strict();
const Lang = Site.extend({ lang: z.string().max(5) }).strict();
const Slugged = Lang.extend({ slug: z.string().max(200) }).strict();
const SearchQuery = z.object({ q: z.string().max(200).optional() }).strict();
const ArticleQuery = z.object({ feedback: z.enum(['thanks', 'too_many']).optional() }).strict();
const FeedbackForm = z.object({ helpful: z.enum(['yes', 'no']) }).strict();

function language(value: string): ArticleLanguage {
  if (value !== 'de' && value !== 'en') throw new AppError('not_found', 'No such language.');
  return value;
}

/** German unless the browser prefers English before German. */
function preferredLanguage(header: string | undefined, fallback: ArticleLanguage): ArticleLanguage {
  const first = (header ?? '').split(',').map((p) => p.trim().slice(0, 2).toLowerCase()).find((l) => l === 'de' || l === 'en');
  return first ?? fallback;
}

/**
 * The public help center of each workspace: server-rendered HTML without scripts, under
 * /help/{workspace} or on the workspace's own host name. Only published articles appear.
 */
export function helpCenterRoutes(ctx: ApiContext, sites: HelpSites, hosts: HelpCenterHosts): FastifyPluginAsyncZod {
  const votes = createRateLimiter(ctx.db, { max: VOTES_PER_WINDOW, windowMs: 10 * 60_000, message: 'Too many votes; try again later.' });
  const visitorKey = ctx.box.deriveKey('help-center-feedback');

  async function pageContext(req: FastifyRequest, ws: string, lang: ArticleLanguage): Promise<PageContext> {
    const site = await sites.get(ws);
    const ownHost = hosts.slugFor(req.headers.host) === site.slug;
    return { site, language: lang, base: ownHost ? '' : `/help/${site.slug}`, origin: `${req.protocol}://${req.host}` };
  }

  function html(reply: FastifyReply, body: string, status = 200): FastifyReply {
    return sendHtmlPage(reply, body, { csp: CSP, status, cacheControl: status === 200 ? 'public, max-age=60' : 'no-store' });
  }

  return async (app) => {
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });
    app.setErrorHandler(async (err, req, reply) => {
      const params = req.params as { ws?: string; lang?: string };
      const lang = params.lang === 'en' ? 'en' : 'de';
      const invalid = err as { validation?: unknown; validationContext?: string };
      if (invalid.validation !== undefined && invalid.validationContext === 'body') {
        return html(reply, `<!doctype html><html lang="${lang}"><meta charset="utf-8"><title>400</title><h1>400</h1></html>`, 400);
      }
      const notFound = (isAppError(err) && err.code === 'not_found') || invalid.validation !== undefined;
      if (!notFound) throw err;
      try {
        return html(reply, renderNotFoundPage(await pageContext(req, params.ws ?? '', lang)), 404);
      } catch {
        return html(reply, `<!doctype html><html lang="${lang}"><meta charset="utf-8"><title>404</title><h1>404</h1></html>`, 404);
      }
    });

    app.get('/help/:ws', { schema: { hide: true, params: Site } }, async (req, reply) => {
      const ctxPage = await pageContext(req, req.params.ws, 'de');
      return reply.redirect(`${ctxPage.base}/${preferredLanguage(req.headers['accept-language'], ctxPage.site.defaultLanguage)}`, 302);
    });

    app.get('/help/:ws/theme.css', { schema: { hide: true, params: Site } }, async (req, reply) => {
      const site = await sites.get(req.params.ws);
      return reply.header('cache-control', 'public, max-age=300').type('text/css; charset=utf-8').send(renderThemeCss(site));
    });

    app.get('/help/:ws/files/:id', { schema: { hide: true, params: File } }, async (req, reply) => {
      const site = await sites.get(req.params.ws);
      const file = await loadPublishedImage(ctx.db, site.workspaceId, req.params.id);
      return reply.header('content-security-policy', "default-src 'none'; sandbox").header('cache-control', 'public, max-age=300').type(file.contentType).send(file.content);
    });

    app.get('/help/:ws/robots.txt', { schema: { hide: true, params: Site } }, async (req, reply) => {
      const page = await pageContext(req, req.params.ws, 'de');
      const base = `${page.origin}${page.base}`;
      return reply.type('text/plain; charset=utf-8').send(`User-agent: *\nAllow: ${page.base || '/'}\nDisallow: ${page.base}/de/search\nDisallow: ${page.base}/en/search\nSitemap: ${base}/sitemap.xml\n`);
    });

    app.get('/help/:ws/sitemap.xml', { schema: { hide: true, params: Site } }, async (req, reply) => {
      const page = await pageContext(req, req.params.ws, 'de');
      const entries = await listSitemapEntries(ctx.db, page.site.workspaceId);
      const url = (lang: string, slug: string) => escapeHtml(`${page.origin}${page.base}/${lang}/articles/${encodeURIComponent(slug)}`);
      const byGroup = new Map<string, typeof entries>();
      for (const entry of entries) byGroup.set(entry.translationGroup, [...(byGroup.get(entry.translationGroup) ?? []), entry]);
      const urls = entries.map((entry) => {
        const versions = byGroup.get(entry.translationGroup) ?? [];
        const links = versions.length > 1 ? versions.map((v) => `<xhtml:link rel="alternate" hreflang="${v.language}" href="${url(v.language, v.slug)}"/>`).join('') : '';
        return `<url><loc>${url(entry.language, entry.slug)}</loc><lastmod>${entry.updatedAt.toISOString()}</lastmod>${links}</url>`;
      });
      const homes = ['de', 'en'].map((l) => `<url><loc>${escapeHtml(`${page.origin}${page.base}/${l}`)}</loc></url>`);
      return reply
        .type('application/xml; charset=utf-8')
        .send(`<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n${[...homes, ...urls].join('\n')}\n</urlset>\n`);
    });

    app.get('/help/:ws/:lang', { schema: { hide: true, params: Lang } }, async (req, reply) => {
      const page = await pageContext(req, req.params.ws, language(req.params.lang));
      return html(reply, renderHomePage(page, await listPublishedArticles(ctx.db, page.site.workspaceId, page.language)));
    });

    app.get('/help/:ws/:lang/search', { schema: { hide: true, params: Lang, querystring: SearchQuery } }, async (req, reply) => {
      const page = await pageContext(req, req.params.ws, language(req.params.lang));
      const q = (req.query.q ?? '').trim();
      if (!q) return reply.redirect(`${page.base}/${page.language}`, 303);
      return html(reply.header('cache-control', 'no-store'), renderSearchPage(page, q, await searchHelpCenter(ctx.db, page.site.workspaceId, page.language, q)));
    });

    app.get('/help/:ws/:lang/categories/:slug', { schema: { hide: true, params: Slugged } }, async (req, reply) => {
      const page = await pageContext(req, req.params.ws, language(req.params.lang));
      const category = page.site.categories.find((c) => c.slug === req.params.slug);
      if (!category) throw new AppError('not_found', 'Category not found.');
      return html(reply, renderCategoryPage(page, category, await listPublishedArticles(ctx.db, page.site.workspaceId, page.language, category.id)));
    });

    app.get('/help/:ws/:lang/articles/:slug', { schema: { hide: true, params: Slugged, querystring: ArticleQuery } }, async (req, reply) => {
      const page = await pageContext(req, req.params.ws, language(req.params.lang));
      const article = await loadArticlePage(ctx.db, page.site.workspaceId, page.language, req.params.slug);
      const notice: FeedbackNotice = req.query.feedback ?? null;
      return html(notice ? reply.header('cache-control', 'no-store') : reply, renderArticlePage(page, article, notice));
    });

    app.post('/help/:ws/:lang/articles/:slug/feedback', { schema: { hide: true, params: Slugged, body: FeedbackForm } }, async (req, reply) => {
      const page = await pageContext(req, req.params.ws, language(req.params.lang));
      const visitor = createHmac('sha256', visitorKey).update(`${req.ip}\n${req.headers['user-agent'] ?? ''}`).digest('base64url').slice(0, 32);
      const back = `${page.base}/${page.language}/articles/${encodeURIComponent(req.params.slug)}`;
      try {
        await votes.take([`help-vote:${visitor}`]);
      } catch (err) {
        if (isAppError(err) && err.code === 'rate_limited') return reply.redirect(`${back}?feedback=too_many`, 303);
        throw err;
      }
      await recordHelpfulVote(ctx.db, page.site.workspaceId, page.language, req.params.slug, visitor, req.body.helpful === 'yes');
      return reply.redirect(`${back}?feedback=thanks`, 303);
    });
  };
}
