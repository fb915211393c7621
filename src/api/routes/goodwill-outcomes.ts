import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { goodwillReport, GoodwillReportQuery } from '../../customer-value/goodwill-report.js';
import { redeemVoucher, RedeemVoucherSchema } from '../../customer-value/redeem-voucher.js';
import { actorOf, requireAuth } from '../auth.js';
import type { ApiContext } from '../context.js';

/** What became of goodwill: the shop reports redeemed vouchers, the report weighs grants against retention. */
export function goodwillOutcomeRoutes(ctx: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/vouchers/redeem', { schema: { tags: ['goodwill'], body: RedeemVoucherSchema } }, async (req) => {
      const auth = requireAuth(req, 'agent');
      return ctx.db.transaction().execute((trx) => redeemVoucher(trx, auth.workspaceId, actorOf(auth), req.body));
    });

    app.get('/reports/goodwill', { schema: { tags: ['goodwill'], querystring: GoodwillReportQuery } }, async (req) => {
      const auth = requireAuth(req);
      return goodwillReport(ctx.db, auth.workspaceId, req.query);
    });
  };
}
