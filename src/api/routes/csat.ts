import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { csatReport, CsatReportQuery, conversationSurveys } from '../../csat/results.js';
import { CsatSettingsSchema, getCsatSettings, saveCsatSettings } from '../../csat/settings.js';
import { requireAuth } from '../auth.js';
import type { ApiContext } from '../context.js';
import { IdParams } from '../schemas.js';

/** Satisfaction surveys: per-channel settings, a conversation's surveys and answers, the report. */
export function csatRoutes(ctx: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/channels/:id/csat', { schema: { tags: ['csat'], params: IdParams } }, async (req) => {
      const auth = requireAuth(req);
      return getCsatSettings(ctx.db, auth.workspaceId, req.params.id);
    });

    app.put('/channels/:id/csat', { schema: { tags: ['csat'], params: IdParams, body: CsatSettingsSchema } }, async (req) => {
      const auth = requireAuth(req, 'admin');
      return saveCsatSettings(ctx.db, auth.workspaceId, req.params.id, req.body);
    });

    app.get('/conversations/:id/csat', { schema: { tags: ['csat'], params: IdParams } }, async (req) => {
      const auth = requireAuth(req);
      return { items: await conversationSurveys(ctx.db, auth.workspaceId, req.params.id), nextCursor: null };
    });

    app.get('/reports/csat', { schema: { tags: ['csat'], querystring: CsatReportQuery } }, async (req) => {
      const auth = requireAuth(req);
      return csatReport(ctx.db, auth.workspaceId, req.query);
    });
  };
}
