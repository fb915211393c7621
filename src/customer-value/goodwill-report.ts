import { sql } from 'kysely';
import { z } from 'zod';
import { getGoodwillPolicy } from '../db/goodwill-settings.js';
import type { Db } from '../db/schema.js';
import { groupOutcomes, type OutcomeCase, type OutcomeGroup, totalOutcome } from '../domain/goodwill-outcome.js';
import { toMajor } from '../domain/money.js';
import { reportPeriod } from '../domain/report-period.js';

export const GoodwillReportQuery = z
  .object({
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    retentionDays: z.coerce.number().int().min(1).max(730).default(90),
  })
  .strict();
export type GoodwillReportQuery = z.infer<typeof GoodwillReportQuery>;

type Group = Omit<OutcomeGroup, 'amountMinor'> & { amount: number };

export interface GoodwillReport {
  from: string;
  to: string;
  retentionDays: number;
  currency: string;
  total: Group;
  byDepartment: Group[];
  byReason: Group[];
  byChannel: Group[];
  /** Contacts with a complaint in the period and no goodwill at all, judged the same way. */
  baseline: { total: Group; byChannel: Group[] };
}

// An order that was cancelled, sent back or refunded is no sign of a customer who stayed.
const KEPT = sql`o.status NOT IN ('cancelled', 'returned', 'refunded')`;

function outcome(since: ReturnType<typeof sql>, contact: ReturnType<typeof sql>, days: number) {
  const retained = sql`EXISTS (SELECT 1 FROM orders o WHERE o.contact_id = ${contact} AND o.ordered_at > ${since} AND o.ordered_at <= ${since} + make_interval(days => ${days}) AND ${KEPT})`;
  return sql`${retained} AS retained, (${retained} OR ${since} + make_interval(days => ${days}) <= now()) AS decided`;
}

type CaseRow = { department: string; reason: string; channelId: string | null; channelName: string | null; amountMinor: string; voucher: boolean; redeemed: boolean; retained: boolean; decided: boolean };

/**
 * What goodwill bought: the grants of the period by department, reason and channel, with the share
 * of customers who ordered again and kept the order within N days of the grant, the vouchers'
 * redemption rate, and the same share for complaining contacts who got no goodwill (the baseline).
 */
export async function goodwillReport(db: Db, workspaceId: string, q: GoodwillReportQuery): Promise<GoodwillReport> {
  const { from, to, start, end } = reportPeriod(q, 90);
  const days = q.retentionDays;
  const { currency } = await getGoodwillPolicy(db, workspaceId);
  const grants = await sql<CaseRow>`
    SELECT g.department, g.reason, ch.id AS channel_id, ch.name AS channel_name, g.amount_minor::text AS amount_minor,
      g.type = 'voucher' AS voucher, g.redeemed_at IS NOT NULL AS redeemed, ${outcome(sql`g.created_at`, sql`g.contact_id`, days)}
    FROM goodwill_grants g
    LEFT JOIN conversations c ON c.id = g.conversation_id
    LEFT JOIN channels ch ON ch.id = c.channel_id
    WHERE g.workspace_id = ${workspaceId} AND g.currency = ${currency} AND g.created_at >= ${start} AND g.created_at < ${end}`.execute(db);
  // Each contact once, from their first complaint in the period.
  const baseline = await sql<CaseRow>`
    SELECT '' AS department, '' AS reason, ch.id AS channel_id, ch.name AS channel_name, '0' AS amount_minor, false AS voucher, false AS redeemed,
      ${outcome(sql`first.created_at`, sql`first.contact_id`, days)}
    FROM (
      SELECT DISTINCT ON (c.contact_id) c.contact_id, c.channel_id, c.created_at
      FROM conversations c
      WHERE c.workspace_id = ${workspaceId} AND c.category = 'complaint' AND c.created_at >= ${start} AND c.created_at < ${end}
        AND NOT EXISTS (SELECT 1 FROM goodwill_grants g WHERE g.workspace_id = ${workspaceId} AND g.contact_id = c.contact_id)
      ORDER BY c.contact_id, c.created_at
    ) first
    JOIN channels ch ON ch.id = first.channel_id`.execute(db);
  const toCase = (r: CaseRow): OutcomeCase => ({ ...r, amountMinor: Number(r.amountMinor) });
  const grantCases = grants.rows.map(toCase);
  const baselineCases = baseline.rows.map(toCase);
  const money = (g: OutcomeGroup): Group => {
    const { amountMinor, ...rest } = g;
    return { ...rest, amount: toMajor(amountMinor, currency) };
  };
  const byChannel = (c: OutcomeCase) => ({ key: c.channelId, name: c.channelName });
  return {
    from,
    to,
    retentionDays: days,
    currency,
    total: money(totalOutcome(grantCases)),
    byDepartment: groupOutcomes(grantCases, (c) => ({ key: c.department, name: c.department })).map(money),
    byReason: groupOutcomes(grantCases, (c) => ({ key: c.reason, name: c.reason })).map(money),
    byChannel: groupOutcomes(grantCases, byChannel).map(money),
    baseline: { total: money(totalOutcome(baselineCases)), byChannel: groupOutcomes(baselineCases, byChannel).map(money) },
  };
}
