import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { suggestForConversation } from '../../kb/suggest/conversation-suggestions.js';
import { requireAuth } from '../auth.js';
import type { ApiContext } from '../context.js';
import { IdParams } from '../schemas.js';

/** Articles and past answers that fit a conversation's open customer question. */
export function kbSuggestionRoutes(ctx: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/conversations/:id/suggestions', { schema: { tags: ['knowledge'], params: IdParams } }, async (req) => {
      const auth = requireAuth(req);
      return suggestForConversation(ctx.db, ctx.knowledge, auth.workspaceId, req.params.id, ctx.publicUrl());
    });
  };
}
