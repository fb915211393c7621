import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { findContacts, getContact, listIdentities, mergeContacts, splitContact, toContactDto, updateContact } from '../../db/contacts.js';
import { getGoodwillPolicy } from '../../db/goodwill-settings.js';
import { loadLifetimeValue } from '../../db/orders.js';
import { decodeCursor, encodeCursor } from '../../domain/cursor.js';
import { findConversations } from '../../inbox/find-conversations.js';
import { requireAuth } from '../auth.js';
import type { ApiContext } from '../context.js';
import { IdParams, Limit } from '../schemas.js';

const ListContacts = z.object({ q: z.string().trim().max(200).optional(), limit: Limit, cursor: z.string().max(500).optional() }).strict();
const PatchContact = z
  .object({
    name: z.string().trim().max(256).nullable().optional(),
    email: z.email().max(320).nullable().optional(),
    phone: z.string().trim().max(40).nullable().optional(),
    notes: z.string().max(20_000).optional(),
    tags: z.array(z.string().trim().min(1).max(60)).max(50).optional(),
    attributes: z.record(z.string().max(100), z.unknown()).optional(),
  })
  .strict();

const ContactCursor = z.object({ createdAt: z.iso.datetime({ offset: true }), id: z.uuid() });

export function contactRoutes(ctx: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/contacts', { schema: { tags: ['contacts'], querystring: ListContacts } }, async (req) => {
      const auth = requireAuth(req);
      const { limit, q, cursor } = req.query;
      const rows = await findContacts(ctx.db, auth.workspaceId, { limit: limit + 1, ...(q && { q }), ...(cursor && { cursor: decodeCursor(cursor, ContactCursor) }) });
      const items = rows.slice(0, limit).map(toContactDto);
      const last = items[items.length - 1];
      return { items, nextCursor: rows.length > limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null };
    });

    app.get('/contacts/:id', { schema: { tags: ['contacts'], params: IdParams } }, async (req) => {
      const auth = requireAuth(req);
      const contact = await getContact(ctx.db, auth.workspaceId, req.params.id);
      const policy = await getGoodwillPolicy(ctx.db, auth.workspaceId);
      const [identities, conversations, lifetimeValue] = await Promise.all([
        listIdentities(ctx.db, auth.workspaceId, contact.id),
        findConversations(ctx.db, auth.workspaceId, { contactId: contact.id, limit: 100 }),
        loadLifetimeValue(ctx.db, auth.workspaceId, contact.id, policy.currency),
      ]);
      return {
        ...toContactDto(contact),
        identities: identities.map((i) => ({ id: i.id, kind: i.kind, value: i.value, channelId: i.channelId, createdAt: i.createdAt.toISOString() })),
        conversations: conversations.items,
        lifetimeValue,
      };
    });

    app.patch('/contacts/:id', { schema: { tags: ['contacts'], params: IdParams, body: PatchContact } }, async (req) => {
      const auth = requireAuth(req, 'agent');
      return toContactDto(await updateContact(ctx.db, auth.workspaceId, req.params.id, req.body));
    });

    app.post('/contacts/:id/merge', { schema: { tags: ['contacts'], params: IdParams, body: z.object({ sourceId: z.uuid() }).strict() } }, async (req) => {
      const auth = requireAuth(req, 'agent');
      const merged = await ctx.db.transaction().execute((trx) => mergeContacts(trx, auth.workspaceId, req.params.id, req.body.sourceId));
      return toContactDto(merged);
    });

    app.post('/contacts/:id/split', { schema: { tags: ['contacts'], params: IdParams, body: z.object({ identityIds: z.array(z.uuid()).min(1).max(100) }).strict() } }, async (req, reply) => {
      const auth = requireAuth(req, 'agent');
      const created = await ctx.db.transaction().execute((trx) => splitContact(trx, auth.workspaceId, req.params.id, req.body.identityIds));
      return reply.code(201).send(toContactDto(created));
    });
  };
}
