import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { parseReviewImport } from '../../channels/review-import/parse.js';
import { reviewImportChannel } from '../../channels/review-import/adapter.js';
import { messageFromReview } from '../../channels/review-message.js';
import { getChannel } from '../../db/channels.js';
import { AppError } from '../../domain/errors.js';
import { requireAuth } from '../auth.js';
import type { ApiContext } from '../context.js';
import { IdParams } from '../schemas.js';

const ImportBody = z.object({ format: z.enum(['csv', 'json']), content: z.string().min(1).max(1_900_000) }).strict();

/** Review exports from portals without an API, stored like any inbound review; each id once. */
export function reviewImportRoutes(ctx: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/channels/:id/reviews/import', { schema: { tags: ['channels'], params: IdParams, body: ImportBody } }, async (req) => {
      const auth = requireAuth(req, 'agent');
      const channel = await getChannel(ctx.db, auth.workspaceId, req.params.id);
      if (channel.type !== reviewImportChannel.type) throw new AppError('invalid', `Reviews are imported into a ${reviewImportChannel.type} channel; this is a ${channel.type} channel.`);
      if (channel.disabledAt) throw new AppError('conflict', 'This channel is disabled and accepts no reviews.');
      // Every row is checked before the first is stored: a bad file imports nothing.
      const reviews = parseReviewImport(req.body.format, req.body.content);
      const seen = new Set<string>();
      const unique = reviews.filter((r) => !seen.has(r.id) && seen.add(r.id));
      const results = await Promise.all(unique.map((r) => ctx.ingest.accept(channel, messageFromReview(r))));
      const imported = results.filter((r) => !r.duplicate).length;
      if (imported > 0) ctx.afterCommit();
      return { imported, duplicates: reviews.length - imported };
    });
  };
}
