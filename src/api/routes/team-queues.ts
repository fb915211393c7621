import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getTeam } from '../../db/teams.js';
import { teamQueue } from '../../inbox/team-queue.js';
import { requireAuth } from '../auth.js';
import type { ApiContext } from '../context.js';
import { IdParams } from '../schemas.js';

const Routing = z.object({ mode: z.enum(['auto', 'manual']) }).strict();

/** Each team's queue, and whether conversations are handed out automatically or picked by hand. */
export function teamQueueRoutes(ctx: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/teams/:id/queue', { schema: { tags: ['routing'], params: IdParams } }, async (req) => {
      const auth = requireAuth(req);
      return teamQueue(ctx.db, auth.workspaceId, req.params.id);
    });

    app.put('/teams/:id/routing', { schema: { tags: ['routing'], params: IdParams, body: Routing } }, async (req) => {
      const auth = requireAuth(req, 'admin');
      await getTeam(ctx.db, auth.workspaceId, req.params.id);
      await ctx.db.updateTable('teams').set({ routingMode: req.body.mode }).where('workspaceId', '=', auth.workspaceId).where('id', '=', req.params.id).execute();
      ctx.routingChanged();
      return { teamId: req.params.id, mode: req.body.mode };
    });
  };
}
