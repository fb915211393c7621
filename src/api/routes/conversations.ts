import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../../db/audit-log.js';
import { getContact, toContactDto } from '../../db/contacts.js';
import { getConversation } from '../../db/conversations.js';
import { listHistory } from '../../db/history.js';
import { listMessages, toMessageDto } from '../../db/messages.js';
import { AppError } from '../../domain/errors.js';
import { countConversations, findConversations } from '../../inbox/find-conversations.js';
import { setConversationLabel, updateConversation } from '../../inbox/update-conversation.js';
import { redactMessage } from '../../inbox/redact-message.js';
import { sendMessage } from '../../pipeline/send-message.js';
import { actorOf, type Auth, requireAuth } from '../auth.js';
import type { ApiContext } from '../context.js';
import { publishTyping } from '../typing.js';
import { IdParams, Limit } from '../schemas.js';

const Typing = z.object({ typing: z.boolean() }).strict();

const Status = z.enum(['open', 'pending', 'snoozed', 'resolved', 'closed']);

const ListConversations = z
  .object({
    q: z.string().trim().max(500).optional(),
    status: z
      .string()
      .transform((s) => s.split(',').filter(Boolean))
      .pipe(z.array(Status))
      .optional(),
    channelId: z.uuid().optional(),
    channelType: z.string().max(40).optional(),
    tier: z.coerce.number().int().min(1).max(3).optional(),
    teamId: z.uuid().optional(),
    assignee: z.union([z.uuid(), z.literal('me'), z.literal('none')]).optional(),
    label: z.string().max(200).optional(),
    sentiment: z.enum(['negative', 'neutral', 'positive']).optional(),
    category: z.enum(['praise', 'complaint', 'question', 'cancellation', 'billing', 'delivery', 'technical', 'other']).optional(),
    urgent: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
    contactId: z.uuid().optional(),
    since: z.iso.datetime({ offset: true }).optional(),
    until: z.iso.datetime({ offset: true }).optional(),
    limit: Limit,
    cursor: z.string().max(500).optional(),
  })
  .strict();

const PatchConversation = z
  .object({
    status: Status.optional(),
    priority: z.enum(['low', 'normal', 'high', 'urgent']).optional(),
    tier: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
    teamId: z.uuid().nullable().optional(),
    assigneeId: z.uuid().nullable().optional(),
    snoozedUntil: z.iso.datetime({ offset: true }).nullable().optional(),
    handoverNote: z.string().max(10_000).optional(),
  })
  .strict();

const PostMessage = z
  .object({
    text: z.string().trim().min(1).max(50_000),
    type: z.enum(['reply', 'note']).default('reply'),
    visibility: z.enum(['public', 'private']).optional(),
    attachmentIds: z.array(z.uuid()).max(50).optional(),
    confirmPersonalData: z.boolean().optional(),
    articleIds: z.array(z.uuid()).max(10).optional(),
  })
  .strict();

const LabelParams = z.object({ id: z.uuid(), labelId: z.uuid() }).strict();

/** `assignee=me|none|<id>` as the filter the inbox understands. */
function assigneeFilter(auth: Auth, assignee: string | undefined): { assigneeId?: string | null } {
  if (assignee === undefined) return {};
  if (assignee === 'none') return { assigneeId: null };
  if (assignee !== 'me') return { assigneeId: assignee };
  if (!auth.userId) throw new AppError('invalid', 'assignee=me needs a logged-in user, not an API token.', { field: 'assignee' });
  return { assigneeId: auth.userId };
}

export function conversationRoutes(ctx: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/conversations', { schema: { tags: ['conversations'], querystring: ListConversations } }, async (req) => {
      const auth = requireAuth(req);
      const { assignee, ...rest } = req.query;
      return findConversations(ctx.db, auth.workspaceId, { ...rest, ...assigneeFilter(auth, assignee) });
    });

    app.get('/conversations/count', { schema: { tags: ['conversations'], querystring: ListConversations.omit({ q: true, limit: true, cursor: true }) } }, async (req) => {
      const auth = requireAuth(req);
      const { assignee, ...rest } = req.query;
      return countConversations(ctx.db, auth.workspaceId, { ...rest, ...assigneeFilter(auth, assignee) });
    });

    app.get('/conversations/:id', { schema: { tags: ['conversations'], params: IdParams } }, async (req) => {
      const auth = requireAuth(req);
      const conversation = await getConversation(ctx.db, auth.workspaceId, req.params.id);
      const [messages, contact] = await Promise.all([
        listMessages(ctx.db, auth.workspaceId, conversation.id),
        getContact(ctx.db, auth.workspaceId, conversation.contactId),
      ]);
      await recordAudit(ctx.db, auth.workspaceId, actorOf(auth), { action: 'conversation.viewed', targetType: 'conversation', targetId: conversation.id, metadata: { contactId: conversation.contactId } });
      return { ...conversation, messages: messages.map(toMessageDto), contact: toContactDto(contact) };
    });

    app.patch('/conversations/:id', { schema: { tags: ['conversations'], params: IdParams, body: PatchConversation } }, async (req) => {
      const auth = requireAuth(req, 'agent');
      const dto = await updateConversation(ctx.db, auth.workspaceId, req.params.id, actorOf(auth), req.body);
      ctx.afterCommit();
      return dto;
    });

    app.get('/conversations/:id/events', { schema: { tags: ['conversations'], params: IdParams } }, async (req) => {
      const auth = requireAuth(req);
      await getConversation(ctx.db, auth.workspaceId, req.params.id);
      const rows = await listHistory(ctx.db, auth.workspaceId, req.params.id);
      return { items: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })), nextCursor: null };
    });

    app.post('/conversations/:id/messages', { schema: { tags: ['conversations'], params: IdParams, body: PostMessage } }, async (req, reply) => {
      const auth = requireAuth(req, 'agent');
      const message = await sendMessage(ctx.db, auth.workspaceId, req.params.id, actorOf(auth), req.body);
      ctx.afterCommit();
      return reply.code(201).send(message);
    });

    app.post('/messages/:id/redact', { schema: { tags: ['conversations'], params: IdParams } }, async (req) => {
      const auth = requireAuth(req, 'agent');
      const message = await redactMessage(ctx.db, auth.workspaceId, req.params.id, actorOf(auth));
      ctx.afterCommit();
      return message;
    });

    app.post('/conversations/:id/typing', { schema: { tags: ['conversations'], params: IdParams, body: Typing } }, async (req, reply) => {
      const auth = requireAuth(req, 'agent');
      await getConversation(ctx.db, auth.workspaceId, req.params.id);
      await publishTyping(ctx.bus, auth.workspaceId, req.params.id, 'agent', req.body.typing);
      return reply.code(204).send();
    });

    app.put('/conversations/:id/labels/:labelId', { schema: { tags: ['conversations'], params: LabelParams } }, async (req) => {
      const auth = requireAuth(req, 'agent');
      const dto = await setConversationLabel(ctx.db, auth.workspaceId, req.params.id, actorOf(auth), req.params.labelId, true);
      ctx.afterCommit();
      return dto;
    });

    app.delete('/conversations/:id/labels/:labelId', { schema: { tags: ['conversations'], params: LabelParams } }, async (req) => {
      const auth = requireAuth(req, 'agent');
      const dto = await setConversationLabel(ctx.db, auth.workspaceId, req.params.id, actorOf(auth), req.params.labelId, false);
      ctx.afterCommit();
      return dto;
    });
  };
}
