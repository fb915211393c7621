import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getGoodwillPolicy, saveGoodwillPolicy } from '../../db/goodwill-settings.js';
import { loadGoodwillCase } from '../../customer-value/goodwill-case.js';
import { recommendGoodwill } from '../../domain/goodwill.js';
import { GoodwillPolicySchema } from '../../domain/goodwill-policy.js';
import { requireAuth } from '../auth.js';
import type { ApiContext } from '../context.js';
import { IdParams } from '../schemas.js';

/** The workspace's goodwill policy and the recommendation for a conversation. */
export function goodwillRoutes(ctx: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    // What a new customer costs is business data: only admins see and set the policy.
    app.get('/workspace/goodwill-policy', { schema: { tags: ['goodwill'] } }, async (req) => {
      const auth = requireAuth(req, 'admin');
      return getGoodwillPolicy(ctx.db, auth.workspaceId);
    });

    app.put('/workspace/goodwill-policy', { schema: { tags: ['goodwill'], body: GoodwillPolicySchema } }, async (req) => {
      const auth = requireAuth(req, 'admin');
      return saveGoodwillPolicy(ctx.db, auth.workspaceId, req.body);
    });

    app.get('/conversations/:id/goodwill', { schema: { tags: ['goodwill'], params: IdParams } }, async (req) => {
      const auth = requireAuth(req);
      const policy = await getGoodwillPolicy(ctx.db, auth.workspaceId);
      const { input, lifetimeValue } = await loadGoodwillCase(ctx.db, auth.workspaceId, req.params.id, policy);
      return { ...recommendGoodwill(input, policy), inputs: { ...input, lifetimeValue } };
    });
  };
}
