import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../../db/audit-log.js';
import { findContacts, getContact, listIdentities, mergeContacts, splitContact, toContactDto, updateContact } from '../../db/contacts.js';
import { getGoodwillPolicy } from '../../db/goodwill-settings.js';
import { loadLifetimeValue } from '../../db/orders.js';
import { decodeCursor, encodeCursor } from '../../domain/cursor.js';
import { findConversations } from '../../inbox/find-conversations.js';
import { actorOf, requireAuth } from '../auth.js';
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
      await recordAudit(ctx.db, auth.workspaceId, actorOf(auth), { action: 'contact.viewed', targetType: 'contact', targetId: contact.id });
      return {
        ...toContactDto(contact),
        identities: identities.map((i) => ({ id: i.id, kind: i.kind, value: i.value, channelId: i.channelId, createdAt: i.createdAt.toISOString() })),
        conversations: conversations.items,
        lifetimeValue,
      };
    });

    app.patch('/contacts/:id', { schema: { tags: ['contacts'], params: IdParams, body: PatchContact } }, async (req) => {
      const auth = requireAuth(req, 'agent');
      const updated = await ctx.db.transaction().execute(async (trx) => {
        const contact = await updateContact(trx, auth.workspaceId, req.params.id, req.body);
        await recordAudit(trx, auth.workspaceId, actorOf(auth), { action: 'contact.updated', targetType: 'contact', targetId: contact.id, metadata: { fields: Object.keys(req.body).sort() } });
        return contact;
      });
      return toContactDto(updated);
    });

    app.post('/contacts/:id/merge', { schema: { tags: ['contacts'], params: IdParams, body: z.object({ sourceId: z.uuid() }).strict() } }, async (req) => {
      const auth = requireAuth(req, 'agent');
      const merged = await ctx.db.transaction().execute(async (trx) => {
        const contact = await mergeContacts(trx, auth.workspaceId, req.params.id, req.body.sourceId);
        await recordAudit(trx, auth.workspaceId, actorOf(auth), { action: 'contact.merged', targetType: 'contact', targetId: contact.id, metadata: { sourceId: req.body.sourceId } });
        return contact;
      });
      return toContactDto(merged);
    });

    app.post('/contacts/:id/split', { schema: { tags: ['contacts'], params: IdParams, body: z.object({ identityIds: z.array(z.uuid()).min(1).max(100) }).strict() } }, async (req, reply) => {
      const auth = requireAuth(req, 'agent');
      const created = await ctx.db.transaction().execute(async (trx) => {
        const contact = await splitContact(trx, auth.workspaceId, req.params.id, req.body.identityIds);
        await recordAudit(trx, auth.workspaceId, actorOf(auth), { action: 'contact.split', targetType: 'contact', targetId: req.params.id, metadata: { newContactId: contact.id, identities: req.body.identityIds.length } });
        return contact;
      });
      return reply.code(201).send(toContactDto(created));
    });
  };
}
