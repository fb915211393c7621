import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { adapterFor, describeChannelTypes } from '../../channels/registry.js';
import { recordAudit } from '../../db/audit-log.js';
import { createChannel, getChannel, listChannels, toChannelDto, updateChannel } from '../../db/channels.js';
import { AppError } from '../../domain/errors.js';
import { InboundBody, inboundFromBody } from '../../pipeline/inbound.js';
import type { ChannelRow } from '../../db/schema.js';
import { TtlCache } from '../../runtime/ttl-cache.js';
import { actorOf, requireAuth } from '../auth.js';
import type { ApiContext } from '../context.js';
import { IdParams, Name } from '../schemas.js';

const Settings = z.record(z.string().max(100), z.unknown());
const Secrets = z.record(z.string().max(100), z.string().max(10_000));

const CreateChannel = z
  .object({ type: z.string().trim().min(1).max(40), name: Name, brandId: z.uuid().nullable().optional(), settings: Settings.optional(), secrets: Secrets.optional() })
  .strict();
const PatchChannel = z
  .object({ name: Name.optional(), brandId: z.uuid().nullable().optional(), settings: Settings.optional(), secrets: Secrets.optional(), disabled: z.boolean().optional() })
  .strict();

const RegisterWebhook = z.object({ publicUrl: z.url({ protocol: /^https?$/ }).max(2048) }).strict();

// Inbound webhooks look their channel up on every message; a disabled channel is noticed within seconds.
const channelCache = new TtlCache<ChannelRow>(5_000);

export function channelRoutes(ctx: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/channels', { schema: { tags: ['channels'] } }, async (req) => {
      const auth = requireAuth(req);
      const rows = await listChannels(ctx.db, auth.workspaceId);
      return { items: rows.map((c) => toChannelDto(c, ctx.box)), nextCursor: null };
    });

    app.get('/channel-types', { schema: { tags: ['channels'] } }, async (req) => {
      requireAuth(req, 'admin');
      return { items: describeChannelTypes() };
    });

    app.post('/channels', { schema: { tags: ['channels'], body: CreateChannel } }, async (req, reply) => {
      const auth = requireAuth(req, 'admin');
      const { channel, generatedSecrets } = await ctx.db.transaction().execute(async (trx) => {
        const created = await createChannel(trx, ctx.box, auth.workspaceId, req.body);
        await recordAudit(trx, auth.workspaceId, actorOf(auth), { action: 'channel.created', targetType: 'channel', targetId: created.channel.id, metadata: { type: created.channel.type } });
        return created;
      });
      ctx.channelsChanged();
      // Secrets Parley generated are shown this once; afterwards only their names are.
      return reply.code(201).send({ ...toChannelDto(channel, ctx.box), generatedSecrets });
    });

    app.get('/channels/:id', { schema: { tags: ['channels'], params: IdParams } }, async (req) => {
      const auth = requireAuth(req);
      return toChannelDto(await getChannel(ctx.db, auth.workspaceId, req.params.id), ctx.box);
    });

    app.patch('/channels/:id', { schema: { tags: ['channels'], params: IdParams, body: PatchChannel } }, async (req) => {
      const auth = requireAuth(req, 'admin');
      const updated = await ctx.db.transaction().execute(async (trx) => {
        const channel = await updateChannel(trx, ctx.box, auth.workspaceId, req.params.id, req.body);
        // Names of the changed fields only: settings and secrets stay out of the log.
        await recordAudit(trx, auth.workspaceId, actorOf(auth), { action: 'channel.updated', targetType: 'channel', targetId: channel.id, metadata: { fields: Object.keys(req.body).sort() } });
        return channel;
      });
      channelCache.clear();
      ctx.channelsChanged();
      return toChannelDto(updated, ctx.box);
    });

    app.post('/channels/:id/register-webhook', { schema: { tags: ['channels'], params: IdParams, body: RegisterWebhook } }, async (req) => {
      const auth = requireAuth(req, 'admin');
      const channel = await getChannel(ctx.db, auth.workspaceId, req.params.id);
      const adapter = adapterFor(channel.type);
      if (!adapter.register) throw new AppError('invalid', `${channel.type} channels are registered in the provider's own settings; enter the webhook URL shown here there.`);
      const dto = toChannelDto(channel, ctx.box);
      const webhookUrl = new URL(dto.webhookUrl, req.body.publicUrl).toString();
      await adapter.register({ ...dto, workspaceId: channel.workspaceId, settings: channel.settings, secrets: channel.secrets ? ctx.box.open(channel.secrets) : {} }, webhookUrl, ctx.allowPrivateNetworks);
      return { registered: true, webhookUrl };
    });

    app.post('/channels/:id/inbound', { schema: { tags: ['channels'], params: IdParams, body: InboundBody } }, async (req, reply) => {
      const auth = requireAuth(req, 'agent');
      const channel = await channelCache.get(`${auth.workspaceId}/${req.params.id}`, () => getChannel(ctx.db, auth.workspaceId, req.params.id));
      if (channel.type !== 'api') {
        throw new AppError('invalid', `This is a ${channel.type} channel; it receives messages at /webhooks/${channel.type}/${channel.id}, not here.`);
      }
      const result = await ctx.ingest.accept(channel, inboundFromBody(req.body));
      if (!result.duplicate) ctx.afterCommit();
      return reply.code(result.duplicate ? 200 : 202).send({ messageId: result.messageId, conversationId: result.conversationId, duplicate: result.duplicate });
    });
  };
}
