import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createRule, deleteRule, getRule, listRules, reorderRules, updateRule } from '../../db/automation-rules.js';
import { parseRules, RULE_EVENTS, RuleSchema } from '../../domain/routing-rule-schema.js';
import { describeActions, evaluateRules, loadRuleSubject } from '../../inbox/automation.js';
import { noContent, requireAuth } from '../auth.js';
import type { ApiContext } from '../context.js';
import { IdParams } from '../schemas.js';

const RuleInput = RuleSchema.omit({ id: true, position: true }).extend({ name: z.string().trim().min(1).max(200), enabled: z.boolean().default(true) });
const Reorder = z.object({ ids: z.array(z.uuid()).max(1000) }).strict();
const RuleTest = z
  .object({
    conversationId: z.uuid(),
    /** Rules not saved yet, as the editor holds them; without them the workspace's stored rules run. */
    rules: z.array(RuleSchema).max(1000).optional(),
    /** The events to simulate; a new conversation's first message is both of the first two. */
    events: z.array(z.enum(RULE_EVENTS)).min(1).optional(),
  })
  .strict();

/** Automation rules: admins write and order them; everyone may read them and try them on a conversation. */
export function ruleRoutes(ctx: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/rules', { schema: { tags: ['routing'] } }, async (req) => {
      const auth = requireAuth(req);
      return { items: await listRules(ctx.db, auth.workspaceId), nextCursor: null };
    });

    app.post('/rules', { schema: { tags: ['routing'], body: RuleInput } }, async (req, reply) => {
      const auth = requireAuth(req, 'admin');
      const saved = await createRule(ctx.db, ctx.box, auth.workspaceId, req.body);
      return reply.code(201).send({ ...saved.rule, ...(saved.webhookSecret && { webhookSecret: saved.webhookSecret }) });
    });

    app.get('/rules/:id', { schema: { tags: ['routing'], params: IdParams } }, async (req) => {
      const auth = requireAuth(req);
      return getRule(ctx.db, auth.workspaceId, req.params.id);
    });

    app.put('/rules/:id', { schema: { tags: ['routing'], params: IdParams, body: RuleInput } }, async (req) => {
      const auth = requireAuth(req, 'admin');
      const saved = await updateRule(ctx.db, ctx.box, auth.workspaceId, req.params.id, req.body);
      return { ...saved.rule, ...(saved.webhookSecret && { webhookSecret: saved.webhookSecret }) };
    });

    app.delete('/rules/:id', { schema: { tags: ['routing'], params: IdParams } }, async (req, reply) => {
      const auth = requireAuth(req, 'admin');
      await deleteRule(ctx.db, auth.workspaceId, req.params.id);
      return noContent(reply);
    });

    app.post('/rules/reorder', { schema: { tags: ['routing'], body: Reorder } }, async (req) => {
      const auth = requireAuth(req, 'admin');
      return { items: await ctx.db.transaction().execute((trx) => reorderRules(trx, auth.workspaceId, req.body.ids)), nextCursor: null };
    });

    // Evaluates without performing anything: the same engine the live system runs, on a real conversation.
    app.post('/rules/test', { schema: { tags: ['routing'], body: RuleTest } }, async (req) => {
      const auth = requireAuth(req);
      const rules = req.body.rules ? parseRules(req.body.rules) : await listRules(ctx.db, auth.workspaceId);
      const events = req.body.events ?? ['message.received'];
      const subject = await loadRuleSubject(ctx.db, auth.workspaceId, req.body.conversationId, rules);
      const result = evaluateRules(rules, events, 'customer', subject);
      const names = new Map(rules.map((r) => [r.id, r.name]));
      return {
        rules: result.trace.map((t) => ({ ...t, name: names.get(t.ruleId) ?? '' })),
        actions: describeActions(result),
        changes: result.changes,
      };
    });
  };
}
