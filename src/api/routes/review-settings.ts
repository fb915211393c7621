import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ReviewResponseTargetsSchema } from '../../domain/review-response-targets.js';
import { appendOwnershipRule, deleteOwnershipRule, listOwnershipRules, OwnershipRuleSchema, replaceOwnershipRules } from '../../reviews/ownership-rules.js';
import { createReplyTemplate, deleteReplyTemplate, listReplyTemplates, ReplyTemplatePatchSchema, ReplyTemplateSchema, updateReplyTemplate } from '../../reviews/reply-templates.js';
import { getResponseTargets, saveResponseTargets } from '../../reviews/review-settings.js';
import { noContent, requireAuth } from '../auth.js';
import type { ApiContext } from '../context.js';
import { IdParams } from '../schemas.js';

const Rules = z.object({ rules: z.array(OwnershipRuleSchema).max(200) }).strict();

/** Who owns which reviews, the reply templates and the response targets of the review inbox. */
export function reviewSettingsRoutes(ctx: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/review-ownership-rules', { schema: { tags: ['reviews'] } }, async (req) => {
      const auth = requireAuth(req);
      return { items: await listOwnershipRules(ctx.db, auth.workspaceId) };
    });

    // Who approves what is governance: admins set the matrix.
    app.put('/review-ownership-rules', { schema: { tags: ['reviews'], body: Rules } }, async (req) => {
      const auth = requireAuth(req, 'admin');
      return { items: await ctx.db.transaction().execute((trx) => replaceOwnershipRules(trx, auth.workspaceId, req.body.rules)) };
    });

    app.post('/review-ownership-rules', { schema: { tags: ['reviews'], body: OwnershipRuleSchema } }, async (req, reply) => {
      const auth = requireAuth(req, 'admin');
      return reply.code(201).send(await appendOwnershipRule(ctx.db, auth.workspaceId, req.body));
    });

    app.delete('/review-ownership-rules/:id', { schema: { tags: ['reviews'], params: IdParams } }, async (req, reply) => {
      const auth = requireAuth(req, 'admin');
      await deleteOwnershipRule(ctx.db, auth.workspaceId, req.params.id);
      return noContent(reply);
    });

    app.get('/review-templates', { schema: { tags: ['reviews'] } }, async (req) => {
      const auth = requireAuth(req);
      return { items: await listReplyTemplates(ctx.db, auth.workspaceId) };
    });

    app.post('/review-templates', { schema: { tags: ['reviews'], body: ReplyTemplateSchema } }, async (req, reply) => {
      const auth = requireAuth(req, 'agent');
      return reply.code(201).send(await createReplyTemplate(ctx.db, auth.workspaceId, req.body));
    });

    app.patch('/review-templates/:id', { schema: { tags: ['reviews'], params: IdParams, body: ReplyTemplatePatchSchema } }, async (req) => {
      const auth = requireAuth(req, 'agent');
      return updateReplyTemplate(ctx.db, auth.workspaceId, req.params.id, req.body);
    });

    app.delete('/review-templates/:id', { schema: { tags: ['reviews'], params: IdParams } }, async (req, reply) => {
      const auth = requireAuth(req, 'agent');
      await deleteReplyTemplate(ctx.db, auth.workspaceId, req.params.id);
      return noContent(reply);
    });

    app.get('/workspace/review-response-targets', { schema: { tags: ['reviews'] } }, async (req) => {
      const auth = requireAuth(req);
      return getResponseTargets(ctx.db, auth.workspaceId);
    });

    app.put('/workspace/review-response-targets', { schema: { tags: ['reviews'], body: ReviewResponseTargetsSchema } }, async (req) => {
      const auth = requireAuth(req, 'admin');
      return saveResponseTargets(ctx.db, auth.workspaceId, req.body);
    });
  };
}
