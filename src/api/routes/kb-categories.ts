import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createKbCategory, deleteKbCategory, listKbCategories, updateKbCategory } from '../../db/kb-categories.js';
import { KbCategoryBody } from '../../kb/schemas.js';
import { noContent, requireAuth } from '../auth.js';
import type { ApiContext } from '../context.js';
import { IdParams } from '../schemas.js';

/** The knowledge base's categories, named in both languages. Admins change them. */
export function kbCategoryRoutes(ctx: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/kb-categories', { schema: { tags: ['knowledge'] } }, async (req) => {
      const auth = requireAuth(req);
      return { items: await listKbCategories(ctx.db, auth.workspaceId), nextCursor: null };
    });
    app.post('/kb-categories', { schema: { tags: ['knowledge'], body: KbCategoryBody } }, async (req, reply) => {
      const auth = requireAuth(req, 'admin');
      return reply.code(201).send(await createKbCategory(ctx.db, auth.workspaceId, req.body));
    });
    app.patch('/kb-categories/:id', { schema: { tags: ['knowledge'], params: IdParams, body: KbCategoryBody.partial() } }, async (req) => {
      const auth = requireAuth(req, 'admin');
      return updateKbCategory(ctx.db, auth.workspaceId, req.params.id, req.body);
    });
    app.delete('/kb-categories/:id', { schema: { tags: ['knowledge'], params: IdParams } }, async (req, reply) => {
      const auth = requireAuth(req, 'admin');
      await deleteKbCategory(ctx.db, auth.workspaceId, req.params.id);
      return noContent(reply);
    });
  };
}
