import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getContact } from '../../db/contacts.js';
import { getGoodwillPolicy } from '../../db/goodwill-settings.js';
import { listOrders, loadLifetimeValue } from '../../db/orders.js';
import { importContactOrders, importOrderCsv } from '../../customer-value/import-orders.js';
import { decodeCursor, encodeCursor } from '../../domain/cursor.js';
import { requireAuth } from '../auth.js';
import type { ApiContext } from '../context.js';
import { IdParams, Limit } from '../schemas.js';

// Rows are checked field by field in the domain, so a bad row is named by its index and field.
const ImportOrders = z.object({ orders: z.array(z.record(z.string(), z.unknown())).min(1).max(5000) }).strict();
const ImportCsv = z.object({ csv: z.string().min(1).max(2_000_000) }).strict();
const ListOrders = z.object({ limit: Limit, cursor: z.string().max(500).optional() }).strict();
const OrderCursor = z.object({ date: z.iso.datetime({ offset: true }), id: z.uuid() });

/** Order history per contact, pushed as JSON or imported as CSV; it feeds the lifetime value. */
export function orderRoutes(ctx: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/contacts/:id/orders', { schema: { tags: ['orders'], params: IdParams, body: ImportOrders } }, async (req) => {
      const auth = requireAuth(req, 'agent');
      const result = await ctx.db.transaction().execute((trx) => importContactOrders(trx, auth.workspaceId, req.params.id, req.body.orders));
      const policy = await getGoodwillPolicy(ctx.db, auth.workspaceId);
      return { ...result, lifetimeValue: await loadLifetimeValue(ctx.db, auth.workspaceId, req.params.id, policy.currency) };
    });

    app.get('/contacts/:id/orders', { schema: { tags: ['orders'], params: IdParams, querystring: ListOrders } }, async (req) => {
      const auth = requireAuth(req);
      const contact = await getContact(ctx.db, auth.workspaceId, req.params.id);
      const cursor = req.query.cursor ? decodeCursor(req.query.cursor, OrderCursor) : undefined;
      const page = await listOrders(ctx.db, auth.workspaceId, contact.id, req.query.limit, cursor);
      return { items: page.items, nextCursor: page.next ? encodeCursor(page.next) : null };
    });

    app.post('/orders/import', { schema: { tags: ['orders'], body: ImportCsv } }, async (req) => {
      const auth = requireAuth(req, 'agent');
      return ctx.db.transaction().execute((trx) => importOrderCsv(trx, auth.workspaceId, req.body.csv));
    });
  };
}
