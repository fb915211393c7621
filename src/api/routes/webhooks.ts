import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ChannelConfig, WebhookOutcome, WebhookRequest } from '../../channels/adapter.js';
import { adapterFor } from '../../channels/registry.js';
import { findChannelForWebhook } from '../../db/channels.js';
import type { ChannelRow } from '../../db/schema.js';
import { AppError, isAppError } from '../../domain/errors.js';
import { parseOrThrow } from '../../domain/validate.js';
import { acceptWithFiles } from '../../pipeline/accept-with-files.js';
import { applyDeliveryReports } from '../../pipeline/delivery-reports.js';
import { TtlCache } from '../../runtime/ttl-cache.js';
import type { ApiContext } from '../context.js';

const Params = z.object({ type: z.string().regex(/^[a-z]{1,20}$/), channelId: z.uuid() });

/** Providers post a message or two at a time; nothing legitimate comes near this. */
const WEBHOOK_BODY_LIMIT = 1024 * 1024;

// Providers call for every message; a changed secret or a disabled channel is noticed within seconds.
const channels = new TtlCache<{ row: ChannelRow; config: ChannelConfig }>(5_000);

function headersOf(req: FastifyRequest): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]));
}

function queryOf(req: FastifyRequest): Record<string, string | undefined> {
  const query = req.query;
  if (typeof query !== 'object' || query === null) return {};
  return Object.fromEntries(Object.entries(query).map(([k, v]) => [k, typeof v === 'string' ? v : undefined]));
}

/**
 * `/webhooks/{type}/{channelId}`: where providers deliver. The raw body goes to the channel's
 * adapter, which verifies the provider's signature before anything is read; the provider hears
 * 200 only after every message is committed, so a failure makes it deliver again.
 */
export function webhookRoutes(ctx: ApiContext): FastifyPluginAsync {
  return async (app) => {
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: WEBHOOK_BODY_LIMIT }, (_req, body, done) => done(null, body));

    async function handle(req: FastifyRequest, reply: FastifyReply) {
      const { type, channelId } = parseOrThrow(Params, req.params, 'path');
      const adapter = adapterFor(type);
      if (!adapter.webhook) throw new AppError('not_found', `${type} channels do not receive webhooks.`);
      const { row, config } = await channels.get(`${type}/${channelId}`, async () => {
        const found = await findChannelForWebhook(ctx.db, type, channelId);
        const config: ChannelConfig = { id: found.id, workspaceId: found.workspaceId, type: found.type, name: found.name, settings: found.settings, secrets: found.secrets ? ctx.box.open(found.secrets) : {} };
        return { row: found, config };
      });
      const request: WebhookRequest = { method: req.method === 'GET' ? 'GET' : 'POST', query: queryOf(req), headers: headersOf(req), rawBody: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0) };
      let outcome: WebhookOutcome;
      try {
        outcome = await adapter.webhook(request, config, { allowPrivateNetworks: ctx.allowPrivateNetworks });
      } catch (err) {
        // Logged with the channel and the reason only: headers and body may carry secrets.
        if (isAppError(err) && (err.code === 'unauthorized' || err.code === 'forbidden')) req.log.warn({ channelId, type, reason: err.message }, 'webhook rejected');
        throw err;
      }
      if (outcome.kind === 'answer') return reply.code(outcome.status).type(outcome.contentType).send(outcome.body);
      let stored = 0;
      for (const { files, ...msg } of outcome.messages) {
        const result = await acceptWithFiles(ctx.db, ctx.ingest, row, msg, files ?? []);
        if (!result.duplicate) stored++;
      }
      const reported = outcome.reports.length > 0 ? await applyDeliveryReports(ctx.db, row.id, outcome.reports) : 0;
      if (stored + reported > 0) ctx.afterCommit();
      return reply.code(200).send({ received: outcome.messages.length, stored, reports: reported });
    }

    app.get('/webhooks/:type/:channelId', { schema: { hide: true } }, handle);
    app.post('/webhooks/:type/:channelId', { schema: { hide: true } }, handle);
  };
}
