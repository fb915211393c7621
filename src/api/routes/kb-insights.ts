import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { botReport } from '../../kb/bot/bot-report.js';
import { findKnowledgeGaps, findUnclearArticles } from '../../kb/gaps/knowledge-gaps.js';
import { AppError } from '../../domain/errors.js';
import { requireAuth } from '../auth.js';
import type { ApiContext } from '../context.js';

const GapsQuery = z.object({ weeks: z.coerce.number().int().min(1).max(52).default(4) }).strict();
const UnclearQuery = z.object({ minConversations: z.coerce.number().int().min(1).max(1000).default(2) }).strict();
const ReportQuery = z.object({ from: z.iso.datetime({ offset: true }).optional(), to: z.iso.datetime({ offset: true }).optional() }).strict();

const DAY_MS = 86_400_000;

/** What the knowledge base lacks (unanswered questions, articles that do not settle things) and what the bot deflects. */
export function kbInsightRoutes(ctx: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/kb/gaps', { schema: { tags: ['knowledge'], querystring: GapsQuery } }, async (req) => {
      const auth = requireAuth(req);
      return { items: await findKnowledgeGaps(ctx.db, ctx.knowledge, auth.workspaceId, req.query.weeks) };
    });

    app.get('/kb/unclear', { schema: { tags: ['knowledge'], querystring: UnclearQuery } }, async (req) => {
      const auth = requireAuth(req);
      return { items: await findUnclearArticles(ctx.db, auth.workspaceId, req.query.minConversations) };
    });

    app.get('/reports/bot', { schema: { tags: ['knowledge'], querystring: ReportQuery } }, async (req) => {
      const auth = requireAuth(req);
      const to = req.query.to ? new Date(req.query.to) : new Date();
      const from = req.query.from ? new Date(req.query.from) : new Date(to.getTime() - 30 * DAY_MS);
      if (from >= to) throw new AppError('invalid', '`from` must be before `to`.', { field: 'from' });
      return { from: from.toISOString(), to: to.toISOString(), channels: await botReport(ctx.db, auth.workspaceId, from, to) };
    });
  };
}
