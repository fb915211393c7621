import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { pollChannel } from '../../channels/polling.js';
import { pollerFor } from '../../channels/registry.js';
import { getChannel } from '../../db/channels.js';
import { getCursors } from '../../db/channel-cursors.js';
import { AppError } from '../../domain/errors.js';
import { requireAuth } from '../auth.js';
import type { ApiContext } from '../context.js';
import { IdParams } from '../schemas.js';

/**
 * Polled channels (feeds, review portals): an admin checks a new channel at once instead of
 * waiting for its interval, and sees when it was last polled and what went wrong.
 */
export function channelPollRoutes(ctx: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    const polledChannel = async (workspaceId: string, id: string) => {
      const channel = await getChannel(ctx.db, workspaceId, id);
      const poller = pollerFor(channel.type);
      if (!poller) throw new AppError('invalid', `${channel.type} channels are not polled; their provider delivers to Parley.`);
      return { channel, poller };
    };

    app.get('/channels/:id/poll', { schema: { tags: ['channels'], params: IdParams } }, async (req) => {
      const auth = requireAuth(req);
      const { channel } = await polledChannel(auth.workspaceId, req.params.id);
      const cursors = await getCursors(ctx.db, channel.id);
      return { polledAt: cursors.polledAt ?? null, lastError: cursors.lastError ?? null };
    });

    app.post('/channels/:id/poll', { schema: { tags: ['channels'], params: IdParams } }, async (req) => {
      const auth = requireAuth(req, 'admin');
      const { channel, poller } = await polledChannel(auth.workspaceId, req.params.id);
      const stored = await pollChannel(ctx.db, ctx.box, ctx.ingest, poller, channel, ctx.allowPrivateNetworks);
      if (stored > 0) ctx.afterCommit();
      return { stored };
    });
  };
}
