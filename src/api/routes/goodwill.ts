import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getContact } from '../../db/contacts.js';
import { getGoodwillPolicy, saveGoodwillBudgets, saveGoodwillPolicy } from '../../db/goodwill-settings.js';
import { loadGoodwillCase } from '../../customer-value/goodwill-case.js';
import { budgetStatus, grantGoodwill, listGrants } from '../../customer-value/grant-goodwill.js';
import { recommendGoodwill } from '../../domain/goodwill.js';
import { GoodwillBudgetsSchema, GoodwillGrantSchema, GoodwillPolicySchema } from '../../domain/goodwill-policy.js';
import { actorOf, requireAuth } from '../auth.js';
import type { ApiContext } from '../context.js';
import { IdParams } from '../schemas.js';

/** The workspace's goodwill policy and budgets, the recommendation for a conversation, and grants. */
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

    app.get('/workspace/goodwill-budgets', { schema: { tags: ['goodwill'] } }, async (req) => {
      const auth = requireAuth(req, 'agent');
      return budgetStatus(ctx.db, auth.workspaceId);
    });

    app.put('/workspace/goodwill-budgets', { schema: { tags: ['goodwill'], body: GoodwillBudgetsSchema } }, async (req) => {
      const auth = requireAuth(req, 'admin');
      await saveGoodwillBudgets(ctx.db, auth.workspaceId, req.body);
      return budgetStatus(ctx.db, auth.workspaceId);
    });

    app.post('/conversations/:id/goodwill', { schema: { tags: ['goodwill'], params: IdParams, body: GoodwillGrantSchema } }, async (req, reply) => {
      const auth = requireAuth(req, 'agent');
      const grant = await ctx.db.transaction().execute((trx) => grantGoodwill(trx, auth.workspaceId, req.params.id, actorOf(auth), auth.role, req.body));
      return reply.code(201).send(grant);
    });

    app.get('/contacts/:id/goodwill', { schema: { tags: ['goodwill'], params: IdParams } }, async (req) => {
      const auth = requireAuth(req);
      const contact = await getContact(ctx.db, auth.workspaceId, req.params.id);
      return { items: await listGrants(ctx.db, auth.workspaceId, contact.id), nextCursor: null };
    });
  };
}
