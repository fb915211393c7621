import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { BotSettingsSchema, getBotSettings, saveBotSettings } from '../../kb/bot/bot-settings.js';
import { requireAuth } from '../auth.js';
import type { ApiContext } from '../context.js';

/** The first-level bot's settings per channel. */
export function kbBotRoutes(ctx: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/kb/bot', { schema: { tags: ['knowledge'] } }, async (req) => {
      const auth = requireAuth(req);
      return getBotSettings(ctx.db, auth.workspaceId);
    });

    app.put('/kb/bot', { schema: { tags: ['knowledge'], body: BotSettingsSchema } }, async (req) => {
      const auth = requireAuth(req, 'admin');
      await ctx.db.transaction().execute((trx) => saveBotSettings(trx, auth.workspaceId, req.body));
      return getBotSettings(ctx.db, auth.workspaceId);
    });
  };
}
