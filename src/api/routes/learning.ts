import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getBrandProfile, recordCorrection, setBrandProfile, trainWorkspace } from '../../db/workspace-learning.js';
import { noContent, requireAuth } from '../auth.js';
import type { ApiContext } from '../context.js';
import { IdParams } from '../schemas.js';

const Correction = z.object({ field: z.enum(['sentiment', 'category', 'relevant']), label: z.string().trim().min(1).max(40) }).strict();
const Words = z.array(z.string().trim().min(1).max(100)).max(200);
const BrandProfile = z.object({ names: Words, products: Words, terms: Words }).strict();

/** Agents teach the language understanding; admins describe the brand and retrain. */
export function learningRoutes(ctx: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/messages/:id/corrections', { schema: { tags: ['understanding'], params: IdParams, body: Correction } }, async (req, reply) => {
      const auth = requireAuth(req, 'agent');
      await recordCorrection(ctx.db, auth.workspaceId, req.params.id, req.body.field, req.body.label, auth.userId);
      return noContent(reply);
    });

    app.get('/workspace/brand-profile', { schema: { tags: ['understanding'] } }, async (req) => {
      const auth = requireAuth(req);
      return getBrandProfile(ctx.db, auth.workspaceId);
    });

    app.put('/workspace/brand-profile', { schema: { tags: ['understanding'], body: BrandProfile } }, async (req) => {
      const auth = requireAuth(req, 'admin');
      const profile = await setBrandProfile(ctx.db, auth.workspaceId, req.body);
      ctx.understanding.refresh();
      return profile;
    });

    app.post('/workspace/train', { schema: { tags: ['understanding'] } }, async (req) => {
      const auth = requireAuth(req, 'admin');
      const result = await trainWorkspace(ctx.db, auth.workspaceId);
      ctx.understanding.refresh();
      return result;
    });
  };
}
