import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { createListeningQuery, deleteListeningQuery, listListeningQueries, listMentions, recordMention, updateListeningQuery } from '../../db/listening.js';
import { AppError } from '../../domain/errors.js';
import { testQuery } from '../../listening/index.js';
import { seriesStats } from '../../listening/query-stats.js';
import { listListeningBrands, seriesQueryIds } from '../../db/listening-series.js';
import { AlertNotifications } from '../../pipeline/alert-notifications.js';
import { mentionToConversation } from '../../pipeline/mention-outreach.js';
import { newWebhookSecret } from '../../channels/standard-webhooks.js';
import { classify } from '../../nlp/index.js';
import { noContent, requireAuth } from '../auth.js';
import type { ApiContext } from '../context.js';
import { IdParams, Limit, Name } from '../schemas.js';

const QueryText = z.string().min(1).max(4096);
const QueryBody = z
  .object({
    name: Name,
    query: QueryText,
    labels: z.array(z.string().trim().min(1).max(60)).max(30).optional(),
    ownerTeam: z.string().trim().min(1).max(60).optional(),
    brand: z.string().trim().min(1).max(80).nullable().optional(),
  })
  .strict();
const Hours = z.coerce.number().int().min(1).max(24 * 14).default(48);
const Sample = z.object({ text: z.string().max(10_000), lang: z.string().max(10).optional(), channel: z.string().max(40).optional(), author: z.string().max(200).optional(), url: z.url({ protocol: /^https?$/ }).max(2048).optional() }).strict();
const PostBody = z
  .object({
    source: z.string().trim().min(1).max(40),
    externalId: z.string().trim().min(1).max(512),
    text: z.string().min(1).max(10_000),
    author: z.string().max(200).optional(),
    reach: z.number().int().min(0).optional(),
    url: z.url({ protocol: /^https?$/ }).max(2048).optional(),
    lang: z.string().max(10).optional(),
    postedAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

/** Monitoring queries, testing them on samples, feeding public posts, and the mentions found. */
export function listeningRoutes(ctx: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/listening/queries', { schema: { tags: ['listening'] } }, async (req) => {
      const auth = requireAuth(req);
      return { items: await listListeningQueries(ctx.db, auth.workspaceId), nextCursor: null };
    });
    app.post('/listening/queries', { schema: { tags: ['listening'], body: QueryBody } }, async (req, reply) => {
      const auth = requireAuth(req, 'agent');
      const row = await createListeningQuery(ctx.db, auth.workspaceId, req.body);
      ctx.listener.refresh();
      return reply.code(201).send(row);
    });
    app.patch('/listening/queries/:id', { schema: { tags: ['listening'], params: IdParams, body: QueryBody.partial() } }, async (req) => {
      const auth = requireAuth(req, 'agent');
      const row = await updateListeningQuery(ctx.db, auth.workspaceId, req.params.id, req.body);
      ctx.listener.refresh();
      return row;
    });
    app.delete('/listening/queries/:id', { schema: { tags: ['listening'], params: IdParams } }, async (req, reply) => {
      const auth = requireAuth(req, 'agent');
      await deleteListeningQuery(ctx.db, auth.workspaceId, req.params.id);
      ctx.listener.refresh();
      return noContent(reply);
    });
    app.post('/listening/queries/test', { schema: { tags: ['listening'], body: z.object({ query: QueryText, samples: z.array(Sample).min(1).max(100) }).strict() } }, async (req) => {
      requireAuth(req);
      const results = testQuery(req.body.query, req.body.samples.map((s, i) => ({ id: String(i), ...s })));
      return { items: results.map((r) => ({ text: r.post.text, matched: r.matched })) };
    });

    app.post('/listening/posts', { schema: { tags: ['listening'], body: PostBody } }, async (req, reply) => {
      const auth = requireAuth(req, 'agent');
      const p = req.body;
      const understood = classify(p.text);
      const lang = p.lang ?? understood.language;
      const queryIds = await ctx.listener.match(auth.workspaceId, { id: p.externalId, text: p.text, lang, channel: p.source, ...(p.author && { author: p.author }), ...(p.url && { url: p.url }) });
      if (queryIds.length === 0) return reply.code(200).send({ matched: [], mentionId: null });
      const mentionId = await recordMention(ctx.db, auth.workspaceId, {
        source: p.source,
        externalId: p.externalId,
        queryIds,
        text: p.text,
        author: p.author ?? null,
        reach: p.reach ?? null,
        url: p.url ?? null,
        language: lang,
        sentiment: understood.sentiment,
        ...(p.postedAt && { postedAt: new Date(p.postedAt) }),
      });
      return reply.code(mentionId ? 201 : 200).send({ matched: queryIds, mentionId });
    });

    app.get('/listening/alerts', { schema: { tags: ['listening'], querystring: z.object({ open: z.enum(['true', 'false']).optional(), limit: Limit }).strict() } }, async (req) => {
      const auth = requireAuth(req);
      let q = ctx.db.selectFrom('listeningAlerts').selectAll().where('workspaceId', '=', auth.workspaceId);
      if (req.query.open === 'true') q = q.where('resolvedAt', 'is', null);
      const rows = await q.orderBy('createdAt', 'desc').limit(req.query.limit).execute();
      return { items: rows, nextCursor: null };
    });
    for (const action of ['acknowledge', 'resolve'] as const) {
      app.post(`/listening/alerts/:id/${action}`, { schema: { tags: ['listening'], params: IdParams } }, async (req) => {
        const auth = requireAuth(req, 'agent');
        const row = await ctx.db
          .updateTable('listeningAlerts')
          .set(action === 'acknowledge' ? { acknowledgedAt: sql<Date>`coalesce(acknowledged_at, now())` } : { resolvedAt: sql<Date>`coalesce(resolved_at, now())`, acknowledgedAt: sql<Date>`coalesce(acknowledged_at, now())` })
          .where('workspaceId', '=', auth.workspaceId)
          .where('id', '=', req.params.id)
          .returningAll()
          .executeTakeFirst();
        if (!row) throw new AppError('not_found', 'Alert not found.');
        return row;
      });
    }

    app.post('/listening/mentions/:id/conversation', { schema: { tags: ['listening'], params: IdParams, body: z.object({ channelId: z.uuid() }).strict() } }, async (req, reply) => {
      const auth = requireAuth(req, 'agent');
      const result = await mentionToConversation(ctx.db, ctx.ingest, auth.workspaceId, req.params.id, req.body.channelId);
      if (result.created) ctx.afterCommit();
      return reply.code(result.created ? 201 : 200).send({ conversationId: result.conversationId, messageId: result.messageId });
    });

    app.get('/listening/queries/:id/stats', { schema: { tags: ['listening'], params: IdParams, querystring: z.object({ hours: Hours }).strict() } }, async (req) => {
      const auth = requireAuth(req);
      return seriesStats(ctx.db, auth.workspaceId, { queryId: req.params.id }, req.query.hours);
    });

    app.get('/listening/brands', { schema: { tags: ['listening'] } }, async (req) => {
      const auth = requireAuth(req);
      return { items: await listListeningBrands(ctx.db, auth.workspaceId), nextCursor: null };
    });

    // A brand is a name, not an id, so it travels in the query string.
    app.get('/listening/brands/stats', { schema: { tags: ['listening'], querystring: z.object({ brand: z.string().trim().min(1).max(80), hours: Hours }).strict() } }, async (req) => {
      const auth = requireAuth(req);
      return seriesStats(ctx.db, auth.workspaceId, { brand: req.query.brand }, req.query.hours);
    });

    app.get('/workspace/listening-notifications', { schema: { tags: ['listening'] } }, async (req) => {
      const auth = requireAuth(req, 'admin');
      const ws = await ctx.db.selectFrom('workspaces').select(['alertNotifications', 'alertWebhookSecret']).where('id', '=', auth.workspaceId).executeTakeFirstOrThrow();
      return { ...AlertNotifications.parse(ws.alertNotifications), webhookSecretSet: ws.alertWebhookSecret !== null };
    });

    app.put('/workspace/listening-notifications', { schema: { tags: ['listening'], body: AlertNotifications } }, async (req) => {
      const auth = requireAuth(req, 'admin');
      const ws = await ctx.db.selectFrom('workspaces').select('alertWebhookSecret').where('id', '=', auth.workspaceId).executeTakeFirstOrThrow();
      // The signing secret is made with the first webhook address and shown this once.
      const generated = req.body.webhookUrl && !ws.alertWebhookSecret ? newWebhookSecret() : null;
      await ctx.db
        .updateTable('workspaces')
        .set({ alertNotifications: JSON.stringify(req.body), ...(generated && { alertWebhookSecret: ctx.box.seal({ webhookSecret: generated }) }) })
        .where('id', '=', auth.workspaceId)
        .execute();
      return { ...req.body, webhookSecretSet: generated !== null || ws.alertWebhookSecret !== null, ...(generated && { webhookSecret: generated }) };
    });

    const MentionFilter = z.object({ queryId: z.uuid().optional(), brand: z.string().trim().min(1).max(80).optional(), contactId: z.uuid().optional(), limit: Limit }).strict();
    app.get('/listening/mentions', { schema: { tags: ['listening'], querystring: MentionFilter } }, async (req) => {
      const auth = requireAuth(req);
      const { queryId, brand, contactId, limit } = req.query;
      const queryIds = brand ? await seriesQueryIds(ctx.db, auth.workspaceId, { brand }) : queryId ? [queryId] : undefined;
      const rows = await listMentions(ctx.db, auth.workspaceId, { limit, ...(queryIds && { queryIds }), ...(contactId && { contactId }) });
      return { items: rows.map((r) => ({ ...r, postedAt: r.postedAt.toISOString(), createdAt: r.createdAt.toISOString() })), nextCursor: null };
    });
  };
}
