import { existsSync } from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { authenticate } from './auth.js';
import type { ApiContext } from './context.js';
import { registerMetrics } from './metrics.js';
import { handleError, problem } from './problem.js';
import { accountRoutes, PUBLIC_ACCOUNT_PATHS } from './routes/accounts.js';
import { adminRoutes } from './routes/admin.js';
import { agentRoutes } from './routes/agents.js';
import { auditLogRoutes } from './routes/audit-log.js';
import { attachmentRoutes } from './routes/attachments.js';
import { authRoutes } from './routes/auth.js';
import { channelPollRoutes } from './routes/channel-poll.js';
import { channelRoutes } from './routes/channels.js';
import { contactRoutes } from './routes/contacts.js';
import { learningRoutes } from './routes/learning.js';
import { goodwillRoutes } from './routes/goodwill.js';
import { kbSuggestionRoutes } from './routes/kb-suggestions.js';
import { kbBotRoutes } from './routes/kb-bot.js';
import { kbInsightRoutes } from './routes/kb-insights.js';
import { listeningRoutes } from './routes/listening.js';
import { privacyRoutes } from './routes/privacy.js';
import { orderRoutes } from './routes/orders.js';
import { phoneAndPostRoutes } from './routes/phone-and-post.js';
import { reviewImportRoutes } from './routes/review-import.js';
import { serviceLevelRoutes } from './routes/service-levels.js';
import { conversationRoutes } from './routes/conversations.js';
import { ruleRoutes } from './routes/rules.js';
import { teamQueueRoutes } from './routes/team-queues.js';
import { webhookRoutes } from './routes/webhooks.js';
import { widgetRoutes } from './routes/widget.js';
import { reviewRoutes } from './routes/reviews.js';
import { reviewSettingsRoutes } from './routes/review-settings.js';
import { csatRoutes } from './routes/csat.js';
import { csatPageRoutes } from './routes/csat-page.js';
import { goodwillOutcomeRoutes } from './routes/goodwill-outcomes.js';
import { articleRoutes } from './routes/articles.js';
import { kbCategoryRoutes } from './routes/kb-categories.js';
import { helpCenterSettingsRoutes } from './routes/help-center-settings.js';
import { helpCenterRoutes } from './routes/help-center.js';
import { HelpCenterHosts } from '../kb/help-center/hosts.js';
import { HelpSites } from '../kb/help-center/load.js';
import { registerStream, type StreamHub } from './stream.js';

export const BODY_LIMIT = 2 * 1024 * 1024;

export async function buildApp(ctx: ApiContext, hub: StreamHub, options: { logger?: boolean } = {}): Promise<FastifyInstance> {
  const helpHosts = new HelpCenterHosts(ctx.db);
  await helpHosts.refresh();
  helpHosts.start();
  const app = Fastify({
    // A help center's own host name serves only that help center, so its addresses are rewritten before routing.
    rewriteUrl: (req) => helpHosts.rewrite(req.headers.host, req.url ?? '/'),
    logger: options.logger ? { level: process.env.LOG_LEVEL ?? 'info', redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]'] } : false,
    bodyLimit: BODY_LIMIT,
    trustProxy: process.env.PARLEY_TRUST_PROXY === '1',
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.decorateRequest('auth', null);
  app.addHook('onClose', async () => helpHosts.stop());

  await app.register(cookie);
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Parley API', version: '1', description: 'Every channel in one inbox. Errors are `{ "error": { "code", "message", "details" } }`.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, session: { type: 'apiKey', in: 'cookie', name: 'parley_session' } } },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
    // Adds the named shared schemas (recursive ones such as rule conditions) the routes refer to.
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    return payload;
  });

  await app.register(
    async (api) => {
      api.addHook('onRequest', async (req) => {
        if (req.url.startsWith('/api/v1/auth/login') || PUBLIC_ACCOUNT_PATHS.some((p) => req.url.startsWith(p))) return;
        req.auth = await authenticate(ctx.db, req);
      });
      await api.register(authRoutes(ctx));
      await api.register(channelRoutes(ctx));
      await api.register(channelPollRoutes(ctx));
      await api.register(reviewImportRoutes(ctx));
      await api.register(conversationRoutes(ctx));
      await api.register(contactRoutes(ctx));
      await api.register(adminRoutes(ctx));
      await api.register(agentRoutes(ctx));
      await api.register(learningRoutes(ctx));
      await api.register(serviceLevelRoutes(ctx));
      await api.register(listeningRoutes(ctx));
      await api.register(auditLogRoutes(ctx));
      await api.register(privacyRoutes(ctx));
      await api.register(attachmentRoutes(ctx));
      await api.register(orderRoutes(ctx));
      await api.register(phoneAndPostRoutes(ctx));
      await api.register(goodwillRoutes(ctx));
      await api.register(reviewRoutes(ctx));
      await api.register(reviewSettingsRoutes(ctx));
      await api.register(csatRoutes(ctx));
      await api.register(goodwillOutcomeRoutes(ctx));
      await api.register(accountRoutes(ctx));
      await api.register(kbSuggestionRoutes(ctx));
      await api.register(kbBotRoutes(ctx));
      await api.register(kbInsightRoutes(ctx));
      await api.register(articleRoutes(ctx));
      await api.register(kbCategoryRoutes(ctx));
      await api.register(helpCenterSettingsRoutes(ctx, helpHosts));
      await api.register(ruleRoutes(ctx));
      await api.register(teamQueueRoutes(ctx));
    },
    { prefix: '/api/v1' },
  );
  await app.register(webhookRoutes(ctx));
  await app.register(widgetRoutes(ctx));
  await app.register(csatPageRoutes(ctx));
  await app.register(helpCenterRoutes(ctx, new HelpSites(ctx.db), helpHosts));
  registerStream(app, ctx, hub);
  registerMetrics(app, ctx.db, () => hub.size());

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    const database = await sql`SELECT 1`.execute(ctx.db).then(() => true, () => false);
    const bus = await ctx.bus.healthy().catch(() => false);
    return reply.code(database && bus ? 200 : 503).send({ status: database && bus ? 'ready' : 'unavailable', database, bus: bus ? ctx.bus.name : false });
  });

  if (ctx.webDir && existsSync(path.join(ctx.webDir, 'index.html'))) {
    // Files are looked up on each request, so a rebuilt app is served without a restart.
    await app.register(fastifyStatic, { root: ctx.webDir, prefix: '/', wildcard: true, index: ['index.html'] });
    app.addHook('onSend', async (_req, reply, payload) => {
      // Pages that bring their own, stricter policy (the help center, the survey page) keep it.
      if (String(reply.getHeader('content-type') ?? '').startsWith('text/html') && !reply.hasHeader('content-security-policy')) {
        reply.header('content-security-policy', "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
        reply.header('x-frame-options', 'DENY');
      }
      return payload;
    });
  }
  app.setNotFoundHandler(async (req, reply) => {
    // Only page addresses fall back to the app; a missing script or image is a real 404.
    const page = !path.extname(req.url.split('?')[0] ?? '');
    const wantsApp = req.method === 'GET' && page && !req.url.startsWith('/api/') && ctx.webDir && existsSync(path.join(ctx.webDir, 'index.html'));
    if (wantsApp) return reply.sendFile('index.html');
    return reply.code(404).send(problem('not_found', `No route ${req.method} ${req.url.split('?')[0]}.`));
  });
  return app;
}
