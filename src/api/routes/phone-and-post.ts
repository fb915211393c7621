import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pendingAttachments } from '../../db/attachments.js';
import { getCallback, listCallbacks, recordCallbackAttempt } from '../../db/callbacks.js';
import { getChannel } from '../../db/channels.js';
import { phoneIdentity } from '../../db/identities.js';
import { enqueueEvents } from '../../db/outbox.js';
import { AppError } from '../../domain/errors.js';
import { offlineSender } from '../../inbox/offline-sender.js';
import { sendMessage, storeOutgoing } from '../../pipeline/send-message.js';
import { actorOf, requireAuth } from '../auth.js';
import type { ApiContext } from '../context.js';
import { IdParams, Limit } from '../schemas.js';

const Phone = z.string().trim().regex(/^\+?[0-9 ()./-]{3,32}$/, 'a phone number of digits, spaces and + ( ) - . /');
const Person = z
  .object({ name: z.string().trim().min(1).max(200).optional(), phone: Phone.optional(), email: z.email().max(320).optional() })
  .strict()
  .refine((p) => p.name || p.phone || p.email, { message: 'name, phone or email is needed' });
const When = z.iso.datetime({ offset: true });

const LogCall = z
  .object({
    /** Chosen by the client per call, so a retried request is stored once. */
    clientId: z.uuid(),
    direction: z.enum(['inbound', 'outbound']),
    durationSeconds: z.number().int().min(0).max(86_400),
    notes: z.string().trim().min(1).max(20_000),
    occurredAt: When.optional(),
    channelId: z.uuid().optional(),
    contactId: z.uuid().optional(),
    caller: Person.optional(),
    conversationId: z.uuid().optional(),
  })
  .strict()
  .refine((b) => (b.direction === 'outbound' ? b.conversationId : b.channelId && (b.contactId || b.caller)), {
    message: 'an inbound call needs channelId and contactId or caller; an outbound call needs conversationId',
    path: ['direction'],
  });

const EnterLetter = z
  .object({
    clientId: z.uuid(),
    channelId: z.uuid(),
    kind: z.enum(['letter', 'fax']),
    text: z.string().trim().min(1).max(100_000),
    subject: z.string().trim().max(300).optional(),
    receivedAt: When.optional(),
    attachmentIds: z.array(z.uuid()).max(50).default([]),
    contactId: z.uuid().optional(),
    sender: Person.optional(),
  })
  .strict()
  .refine((b) => b.contactId || b.sender, { message: 'contactId or sender is needed', path: ['sender'] });

export const CallbackRequest = z
  .object({
    clientId: z.uuid(),
    phone: Phone,
    name: z.string().trim().min(1).max(200).optional(),
    note: z.string().trim().max(2_000).optional(),
    preferredAt: When.optional(),
  })
  .strict();

const RequestCallback = CallbackRequest.extend({ channelId: z.uuid(), email: z.email().max(320).optional() }).strict();
const CallbackOutcome = z.object({ outcome: z.enum(['reached', 'not_reached']), notes: z.string().trim().max(20_000).optional(), durationSeconds: z.number().int().min(0).max(86_400).default(0) }).strict();
const ListCallbacks = z.object({ status: z.enum(['open', 'done', 'not_reached', 'cancelled']).optional(), limit: Limit }).strict();

/** Without a preferred time, a callback is due this long after it was asked for. */
export const DEFAULT_CALLBACK_DUE_MS = 60 * 60_000;

/** What a callback request stores: the customer's words, and the task for the hook to create. */
export function callbackMessage(request: z.infer<typeof CallbackRequest>) {
  const phone = phoneIdentity(request.phone).value;
  const dueAt = request.preferredAt ?? new Date(Date.now() + DEFAULT_CALLBACK_DUE_MS).toISOString();
  return { externalId: `callback:${request.clientId}`, text: request.note || phone, phone, meta: { callback: { phone, dueAt, note: request.note ?? '' } } };
}

/** The phone and the post: logged calls, entered letters and faxes, callbacks and their outcomes. */
export function phoneAndPostRoutes(ctx: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/calls', { schema: { tags: ['phone and post'], body: LogCall } }, async (req, reply) => {
      const auth = requireAuth(req, 'agent');
      const b = req.body;
      const meta = { call: { direction: b.direction, durationSeconds: b.durationSeconds } };
      if (b.direction === 'outbound') {
        const message = await sendMessage(ctx.db, auth.workspaceId, b.conversationId ?? '', actorOf(auth), { type: 'reply', text: b.notes, deliveredAt: b.occurredAt ? new Date(b.occurredAt) : new Date(), meta });
        ctx.afterCommit();
        return reply.code(201).send({ messageId: message.id, conversationId: message.conversationId });
      }
      const channel = await getChannel(ctx.db, auth.workspaceId, b.channelId ?? '');
      if (channel.type !== 'phone') throw new AppError('invalid', 'Calls are logged on a phone channel.', { field: 'channelId' });
      const from = await offlineSender(ctx.db, auth.workspaceId, channel.id, { contactId: b.contactId, person: b.caller }, b.clientId);
      const accepted = await ctx.ingest.accept(channel, { externalId: `call:${b.clientId}`, from, text: b.notes, visibility: 'private', meta, ...(b.occurredAt && { sentAt: new Date(b.occurredAt) }) });
      if (!accepted.duplicate) ctx.afterCommit();
      return reply.code(accepted.duplicate ? 200 : 201).send({ messageId: accepted.messageId, conversationId: accepted.conversationId });
    });

    app.post('/letters', { schema: { tags: ['phone and post'], body: EnterLetter } }, async (req, reply) => {
      const auth = requireAuth(req, 'agent');
      const b = req.body;
      const channel = await getChannel(ctx.db, auth.workspaceId, b.channelId);
      if (channel.type !== 'letter') throw new AppError('invalid', 'Letters and faxes are entered on a letter channel.', { field: 'channelId' });
      const attachments = await pendingAttachments(ctx.db, auth.workspaceId, b.attachmentIds);
      const from = await offlineSender(ctx.db, auth.workspaceId, channel.id, { contactId: b.contactId, person: b.sender }, b.clientId);
      const accepted = await ctx.ingest.accept(channel, {
        externalId: `letter:${b.clientId}`,
        from,
        text: b.text,
        visibility: 'private',
        attachments,
        meta: { letter: { kind: b.kind } },
        ...(b.subject && { subject: b.subject }),
        ...(b.receivedAt && { sentAt: new Date(b.receivedAt) }),
      });
      if (!accepted.duplicate) ctx.afterCommit();
      return reply.code(accepted.duplicate ? 200 : 201).send({ messageId: accepted.messageId, conversationId: accepted.conversationId });
    });

    app.post('/callbacks', { schema: { tags: ['phone and post'], body: RequestCallback } }, async (req, reply) => {
      const auth = requireAuth(req, 'agent');
      const b = req.body;
      const channel = await getChannel(ctx.db, auth.workspaceId, b.channelId);
      const m = callbackMessage(b);
      const accepted = await ctx.ingest.accept(channel, { externalId: m.externalId, from: { id: m.phone, phone: m.phone, ...(b.name && { name: b.name }), ...(b.email && { email: b.email }) }, text: m.text, visibility: 'private', meta: m.meta });
      if (!accepted.duplicate) ctx.afterCommit();
      const created = await ctx.db.selectFrom('callbacks').select('id').where('workspaceId', '=', auth.workspaceId).where('messageId', '=', accepted.messageId).executeTakeFirstOrThrow();
      return reply.code(accepted.duplicate ? 200 : 201).send(await getCallback(ctx.db, auth.workspaceId, created.id));
    });

    app.get('/callbacks', { schema: { tags: ['phone and post'], querystring: ListCallbacks } }, async (req) => {
      const auth = requireAuth(req);
      return { items: await listCallbacks(ctx.db, auth.workspaceId, req.query.status ?? null, req.query.limit), nextCursor: null };
    });

    app.post('/callbacks/:id/outcome', { schema: { tags: ['phone and post'], params: IdParams, body: CallbackOutcome } }, async (req) => {
      const auth = requireAuth(req, 'agent');
      const callback = await getCallback(ctx.db, auth.workspaceId, req.params.id);
      const updated = await ctx.db.transaction().execute(async (trx) => {
        // The attempt and the call it was are one record: both are stored or neither.
        const result = await recordCallbackAttempt(trx, auth.workspaceId, callback.id, req.body.outcome);
        await storeOutgoing(trx, auth.workspaceId, callback.conversationId, actorOf(auth), {
          type: 'reply',
          text: req.body.notes ?? '',
          deliveredAt: new Date(),
          meta: { call: { direction: 'outbound', durationSeconds: req.body.durationSeconds, outcome: req.body.outcome } },
        });
        await enqueueEvents(trx, [{ type: 'callback.updated', workspaceId: auth.workspaceId, data: { ...result } }]);
        return result;
      });
      ctx.afterCommit();
      return updated;
    });
  };
}
