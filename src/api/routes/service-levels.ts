import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BusinessCalendarSchema, compileCalendar } from '../../domain/business-hours.js';
import { AppError } from '../../domain/errors.js';
import { parseIcsHolidays } from '../../domain/ical.js';
import { parseSlaPolicies } from '../../domain/sla-policy.js';
import { slaAttainment } from '../../inbox/sla-attainment.js';
import { requireAuth } from '../auth.js';
import type { ApiContext } from '../context.js';

const ServiceLevels = z.object({ policies: z.array(z.unknown()).max(200), calendar: BusinessCalendarSchema }).strict();
const Attainment = z.object({ days: z.coerce.number().int().min(1).max(366).default(30) }).strict();
const IcsImport = z.object({ ics: z.string().min(1).max(1_000_000) }).strict();

/** Admins set the workspace's SLA policies and business hours; everyone may read them. */
export function serviceLevelRoutes(ctx: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/workspace/service-levels', { schema: { tags: ['service levels'] } }, async (req) => {
      const auth = requireAuth(req);
      const ws = await ctx.db.selectFrom('workspaces').select(['slaPolicies', 'businessCalendar']).where('id', '=', auth.workspaceId).executeTakeFirstOrThrow();
      return { policies: ws.slaPolicies, calendar: ws.businessCalendar };
    });

    app.put('/workspace/service-levels', { schema: { tags: ['service levels'], body: ServiceLevels } }, async (req) => {
      const auth = requireAuth(req, 'admin');
      const policies = parseSlaPolicies(req.body.policies);
      try {
        compileCalendar(req.body.calendar);
      } catch {
        throw new AppError('invalid', `calendar.timeZone: "${req.body.calendar.timeZone}" is not a time zone this server knows.`, { field: 'calendar.timeZone' });
      }
      await ctx.db
        .updateTable('workspaces')
        .set({ slaPolicies: JSON.stringify(policies), businessCalendar: JSON.stringify(req.body.calendar) })
        .where('id', '=', auth.workspaceId)
        .execute();
      return { policies, calendar: req.body.calendar };
    });

    app.get('/workspace/service-levels/attainment', { schema: { tags: ['service levels'], querystring: Attainment } }, async (req) => {
      const auth = requireAuth(req);
      return slaAttainment(ctx.db, auth.workspaceId, new Date(Date.now() - req.query.days * 86_400_000));
    });

    app.post('/workspace/service-levels/holidays', { schema: { tags: ['service levels'], body: IcsImport } }, async (req) => {
      const auth = requireAuth(req, 'admin');
      const holidays = parseIcsHolidays(req.body.ics);
      const ws = await ctx.db.selectFrom('workspaces').select('businessCalendar').where('id', '=', auth.workspaceId).executeTakeFirstOrThrow();
      const known = new Set(ws.businessCalendar.holidays.map((h) => h.date));
      const calendar = { ...ws.businessCalendar, holidays: [...ws.businessCalendar.holidays, ...holidays.filter((h) => !known.has(h.date))] };
      await ctx.db.updateTable('workspaces').set({ businessCalendar: JSON.stringify(calendar) }).where('id', '=', auth.workspaceId).execute();
      return { imported: calendar.holidays.length - ws.businessCalendar.holidays.length, calendar };
    });
  };
}
