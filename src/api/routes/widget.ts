import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { jsonOrNull } from '../../channels/json.js';
import { WebchatSettings } from '../../channels/webchat/adapter.js';
import { issueVisitorToken, verifyVisitorToken } from '../../channels/webchat/visitor-token.js';
import { getAttachment, pendingAttachments, storeAttachments } from '../../db/attachments.js';
import { channelIdentity } from '../../db/identities.js';
import type { ChannelRow } from '../../db/schema.js';
import { isOpen } from '../../domain/business-hours.js';
import { AppError } from '../../domain/errors.js';
import { markSeenByVisitor } from '../../pipeline/delivery-reports.js';
import { TtlCache } from '../../runtime/ttl-cache.js';
import type { ApiContext } from '../context.js';
import { createRateLimiter } from '../rate-limiter.js';
import { publishTyping } from '../typing.js';
import { sendAttachment } from './attachments.js';
import { CallbackRequest, callbackMessage } from './phone-and-post.js';
import { visitorMessage } from '../visitor-hub.js';

const ChannelParams = z.object({ channelId: z.uuid() });
const VISITOR_HEADER = 'x-parley-visitor';

// The widget is open to the internet: each visitor and each address gets a budget, files too.
const MAX_VISITOR_FILES = 5;
const MAX_VISITOR_FILE_BYTES = 10 * 1024 * 1024;

const NewMessage = z
  .object({
    /** Chosen by the widget per message, so a retried send is stored once. */
    clientId: z.uuid(),
    text: z.string().trim().max(5_000).default(''),
    /** Files uploaded first (POST …/attachments), sent with this message. */
    attachmentIds: z.array(z.uuid()).max(MAX_VISITOR_FILES).default([]),
    name: z.string().trim().min(1).max(200).optional(),
    email: z.email().max(320).optional(),
  })
  .strict()
  .refine((b) => b.text.length > 0 || b.attachmentIds.length > 0, { message: 'text or a file is needed', path: ['text'] });
const Upload = z.object({ filename: z.string().trim().min(1).max(255) }).strict();
const Download = z.object({ channelId: z.uuid(), id: z.uuid() });
const Typing = z.object({ typing: z.boolean() }).strict();

// The widget is open to the internet: each visitor and each address gets a budget.
const MESSAGES_PER_MINUTE = 20;
const VISITORS_PER_MINUTE_PER_ADDRESS = 30;

const channels = new TtlCache<{ row: ChannelRow; settings: WebchatSettings; key: string }>(5_000);

/**
 * The website chat widget's API, `/api/v1/widget/{channelId}/…`: anonymous visitors, proven by
 * the signed token their browser keeps, on the sites the channel allows.
 */
export function widgetRoutes(ctx: ApiContext) {
  // Counted in PostgreSQL: several API processes share each visitor's and each address's budget.
  const sent = createRateLimiter(ctx.db, { max: MESSAGES_PER_MINUTE, windowMs: 60_000, message: 'You are writing faster than we can read; wait a moment.' });
  const joined = createRateLimiter(ctx.db, { max: VISITORS_PER_MINUTE_PER_ADDRESS, windowMs: 60_000, message: 'Too many new chats from this address; try again in a minute.' });

  async function channelOf(channelId: string) {
    return channels.get(channelId, async () => {
      const row = await ctx.db.selectFrom('channels').selectAll().where('id', '=', channelId).where('type', '=', 'webchat').executeTakeFirst();
      if (!row || row.disabledAt) throw new AppError('not_found', 'No web chat with this id.');
      const key = row.secrets ? ctx.box.open(row.secrets).visitorKey : undefined;
      if (!key) throw new AppError('unavailable', 'This web chat has no visitor key; recreate the channel.');
      return { row, settings: WebchatSettings.parse(row.settings), key };
    });
  }

  /** CORS for the sites the channel allows; other sites' pages cannot talk to it. */
  function allowOrigin(req: FastifyRequest, reply: FastifyReply, settings: WebchatSettings): void {
    const origin = req.headers.origin;
    if (!origin) return;
    if (settings.allowedOrigins.length > 0 && !settings.allowedOrigins.some((o) => new URL(o).origin === origin)) {
      throw new AppError('forbidden', `This web chat is not enabled for ${origin}.`);
    }
    reply.header('access-control-allow-origin', origin).header('vary', 'origin');
  }

  function visitorOf(req: FastifyRequest, channelId: string, key: string): string {
    const header = req.headers[VISITOR_HEADER];
    const visitorId = typeof header === 'string' ? verifyVisitorToken(key, channelId, header) : null;
    if (!visitorId) throw new AppError('unauthorized', 'Start a visitor session first (POST …/visitors) and send its token in X-Parley-Visitor.');
    return visitorId;
  }

  async function conversationsOf(workspaceId: string, channelId: string, visitorId: string): Promise<string[]> {
    const identity = channelIdentity(channelId, visitorId);
    const rows = await ctx.db
      .selectFrom('conversations as c')
      .innerJoin('contactIdentities as ci', 'ci.contactId', 'c.contactId')
      .select('c.id')
      .where('ci.workspaceId', '=', workspaceId)
      .where('ci.kind', '=', identity.kind)
      .where('ci.value', '=', identity.value)
      .where('c.channelId', '=', channelId)
      .execute();
    return rows.map((r) => r.id);
  }

  return async (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();

    app.options('/api/v1/widget/:channelId/*', { schema: { hide: true, params: ChannelParams.extend({ '*': z.string() }) } }, async (req, reply) => {
      const { settings } = await channelOf(req.params.channelId);
      allowOrigin(req, reply, settings);
      return reply
        .header('access-control-allow-methods', 'GET, POST')
        .header('access-control-allow-headers', `content-type, ${VISITOR_HEADER}`)
        .header('access-control-max-age', '600')
        .code(204)
        .send();
    });

    app.get('/api/v1/widget/:channelId/config', { schema: { tags: ['widget'], params: ChannelParams } }, async (req, reply) => {
      const { row, settings } = await channelOf(req.params.channelId);
      allowOrigin(req, reply, settings);
      const ws = await ctx.db.selectFrom('workspaces').select(['name', 'businessCalendar']).where('id', '=', row.workspaceId).executeTakeFirstOrThrow();
      const online = !settings.offlineByBusinessHours || ws.businessCalendar.slots.length === 0 || isOpen(ws.businessCalendar, new Date());
      return { name: ws.name, online, preChatForm: settings.preChatForm, greeting: { de: settings.greetingDe, en: settings.greetingEn } };
    });

    app.post('/api/v1/widget/:channelId/visitors', { schema: { tags: ['widget'], params: ChannelParams } }, async (req, reply) => {
      const { settings, key } = await channelOf(req.params.channelId);
      allowOrigin(req, reply, settings);
      await joined.take([`widget-ip:${req.ip}`]);
      return reply.code(201).send(issueVisitorToken(key, req.params.channelId));
    });

    app.get('/api/v1/widget/:channelId/messages', { schema: { tags: ['widget'], params: ChannelParams } }, async (req, reply) => {
      const { row, settings, key } = await channelOf(req.params.channelId);
      allowOrigin(req, reply, settings);
      const visitorId = visitorOf(req, row.id, key);
      const conversationIds = await conversationsOf(row.workspaceId, row.id, visitorId);
      if (conversationIds.length === 0) return { items: [] };
      const rows = await ctx.db
        .selectFrom('messages')
        .select(['id', 'direction', 'text', 'createdAt', 'attachments'])
        .where('workspaceId', '=', row.workspaceId)
        .where('conversationId', 'in', conversationIds)
        .where('direction', 'in', ['inbound', 'outbound'])
        .orderBy('createdAt', 'desc')
        .limit(200)
        .execute();
      // Whatever the visitor reads now they have seen: it is not mailed as missed.
      await markSeenByVisitor(ctx.db, rows.filter((m) => m.direction === 'outbound').map((m) => m.id));
      return { items: rows.reverse().flatMap((m) => visitorMessage({ ...m, createdAt: m.createdAt.toISOString() }) ?? []) };
    });

    app.post('/api/v1/widget/:channelId/messages', { schema: { tags: ['widget'], params: ChannelParams, body: NewMessage } }, async (req, reply) => {
      const { row, settings, key } = await channelOf(req.params.channelId);
      allowOrigin(req, reply, settings);
      const visitorId = visitorOf(req, row.id, key);
      await sent.take([`widget-visitor:${visitorId}`]);
      const { clientId, text, attachmentIds, name, email } = req.body;
      const attachments = await pendingAttachments(ctx.db, row.workspaceId, attachmentIds);
      const accepted = await ctx.ingest.accept(row, {
        externalId: `${visitorId}:${clientId}`,
        from: { id: visitorId, ...(name && { name }), ...(email && { email }) },
        text: text || attachments.map((a) => a.filename).join(', '),
        visibility: 'private',
        attachments,
      });
      if (!accepted.duplicate) ctx.afterCommit();
      return reply.code(accepted.duplicate ? 200 : 201).send({ id: accepted.messageId, conversationId: accepted.conversationId });
    });

    app.post('/api/v1/widget/:channelId/callbacks', { schema: { tags: ['widget'], params: ChannelParams, body: CallbackRequest } }, async (req, reply) => {
      const { row, settings, key } = await channelOf(req.params.channelId);
      allowOrigin(req, reply, settings);
      const visitorId = visitorOf(req, row.id, key);
      const m = callbackMessage(req.body);
      const accepted = await ctx.ingest.accept(row, { externalId: `${visitorId}:${m.externalId}`, from: { id: visitorId, phone: m.phone, ...(req.body.name && { name: req.body.name }) }, text: m.text, visibility: 'private', meta: m.meta });
      if (!accepted.duplicate) ctx.afterCommit();
      return reply.code(accepted.duplicate ? 200 : 201).send({ conversationId: accepted.conversationId, dueAt: m.meta.callback.dueAt });
    });

    app.post('/api/v1/widget/:channelId/typing', { schema: { tags: ['widget'], params: ChannelParams, body: Typing } }, async (req, reply) => {
      const { row, settings, key } = await channelOf(req.params.channelId);
      allowOrigin(req, reply, settings);
      const visitorId = visitorOf(req, row.id, key);
      const [latest] = (await conversationsOf(row.workspaceId, row.id, visitorId)).slice(-1);
      if (latest) {
        await publishTyping(ctx.bus, row.workspaceId, latest, 'contact', req.body.typing);
      }
      return reply.code(204).send();
    });

    await app.register(async (files) => {
      // In this scope a body is a file: stored as it is, never parsed.
      files.removeAllContentTypeParsers();
      files.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_VISITOR_FILE_BYTES }, (_req, body, done) => done(null, body));
      const typed = files.withTypeProvider<ZodTypeProvider>();

      typed.post('/api/v1/widget/:channelId/attachments', { schema: { tags: ['widget'], params: ChannelParams, querystring: Upload } }, async (req, reply) => {
        const { row, settings, key } = await channelOf(req.params.channelId);
        allowOrigin(req, reply, settings);
        const visitorId = visitorOf(req, row.id, key);
        await sent.take([`widget-visitor:${visitorId}`]);
        const content = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const [file] = await storeAttachments(ctx.db, row.workspaceId, [{ filename: req.query.filename, contentType: req.headers['content-type'] ?? null, content }]);
        return reply.code(201).send({ id: file!.id, filename: file!.filename, size: file!.size });
      });

      // A download link cannot carry a header, so the visitor's token may come as ?visitor=.
      typed.get('/api/v1/widget/:channelId/attachments/:id', { schema: { tags: ['widget'], params: Download, querystring: z.object({ visitor: z.string().max(200).optional() }).strict() } }, async (req, reply) => {
        const { row, key } = await channelOf(req.params.channelId);
        const token = req.query.visitor ?? req.headers[VISITOR_HEADER];
        const visitorId = typeof token === 'string' ? verifyVisitorToken(key, row.id, token) : null;
        if (!visitorId) throw new AppError('unauthorized', 'Only the visitor of this conversation can download its files.');
        // Only files of the visitor's own conversations, and never of internal notes.
        const conversationIds = await conversationsOf(row.workspaceId, row.id, visitorId);
        if (conversationIds.length === 0) throw new AppError('not_found', 'File not found.');
        const owned = await ctx.db
          .selectFrom('attachments as a')
          .innerJoin('messages as m', 'm.id', 'a.messageId')
          .select('a.id')
          .where('a.workspaceId', '=', row.workspaceId)
          .where('a.id', '=', req.params.id)
          .where('m.conversationId', 'in', conversationIds)
          .where('m.direction', 'in', ['inbound', 'outbound'])
          .executeTakeFirst();
        if (!owned) throw new AppError('not_found', 'File not found.');
        return sendAttachment(reply, await getAttachment(ctx.db, row.workspaceId, owned.id));
      });
    });

    app.get('/api/v1/widget/:channelId/stream', { websocket: true, schema: { hide: true, params: ChannelParams } }, async (socket, req) => {
      try {
        const { row, key } = await channelOf(req.params.channelId);
        const query = z.object({ token: z.string().max(200) }).safeParse(req.query);
        const visitorId = query.success ? verifyVisitorToken(key, row.id, query.data.token) : null;
        if (!visitorId) {
          socket.close(4401, 'unauthorized');
          return;
        }
        ctx.visitors.add(socket, await conversationsOf(row.workspaceId, row.id, visitorId));
        // The visitor's next message may open a conversation: the widget tells the socket to follow it.
        socket.on('message', (raw) => {
          const frame = z.object({ watch: z.uuid() }).safeParse(jsonOrNull(String(raw)));
          if (!frame.success) return;
          void conversationsOf(row.workspaceId, row.id, visitorId).then((ids) => {
            if (ids.includes(frame.data.watch)) ctx.visitors.watch(socket, frame.data.watch);
          });
        });
        socket.send(JSON.stringify({ type: 'ready' }));
        const ping = setInterval(() => socket.ping(), 25_000);
        socket.on('close', () => clearInterval(ping));
      } catch {
        socket.close(4404, 'not found');
      }
    });
  };
}
