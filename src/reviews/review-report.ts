import { sql } from 'kysely';
import type { Db } from '../db/schema.js';
import { loadReviewContext, reviewExpressions, selectReviewRows } from './find-reviews.js';

export type ReportBucket = 'day' | 'week' | 'month';

export interface PortalFigures {
  count: number;
  averageRating: number | null;
  /** Share of reviews with a published reply, 0–1. */
  responseRate: number | null;
  medianTimeToRespondSeconds: number | null;
}

export interface ReviewReport {
  from: string;
  to: string;
  bucket: ReportBucket;
  timeZone: string;
  portals: (PortalFigures & { portal: string; buckets: (PortalFigures & { start: string })[] })[];
}

const round = (n: number | string | null, digits: number) => (n === null ? null : Math.round(Number(n) * 10 ** digits) / 10 ** digits);

/** Rating trend and response figures per portal, for reviews posted in [from, to), in buckets of the workspace's time zone. */
export async function reviewReport(db: Db, workspaceId: string, range: { from: Date; to: Date; bucket: ReportBucket }): Promise<ReviewReport> {
  const [ctx, workspace] = await Promise.all([loadReviewContext(db, workspaceId), db.selectFrom('workspaces').select('timeZone').where('id', '=', workspaceId).executeTakeFirstOrThrow()]);
  const x = reviewExpressions(ctx);
  const start = sql<Date>`(date_trunc(${range.bucket}::text, ${x.postedAt} AT TIME ZONE ${workspace.timeZone}::text) AT TIME ZONE ${workspace.timeZone}::text)`;
  // Grouped over a subquery: PostgreSQL matches GROUP BY expressions by text, and bound parameters differ in each place.
  const reviews = selectReviewRows(db, workspaceId)
    .select([
      x.portal.as('portal'),
      start.as('start'),
      'm.rating',
      sql<boolean>`c.first_response_at IS NOT NULL`.as('responded'),
      sql<number | null>`extract(epoch FROM c.first_response_at - ${x.postedAt})`.as('seconds'),
    ])
    .where(x.postedAt, '>=', range.from)
    .where(x.postedAt, '<', range.to)
    .as('r');
  const rows = await db
    .selectFrom(reviews)
    .select([
      'r.portal',
      'r.start',
      sql<number>`grouping(r.start)`.as('total'),
      sql<string>`count(*)`.as('count'),
      sql<string | null>`avg(r.rating)`.as('averageRating'),
      sql<string | null>`avg(r.responded::int)`.as('responseRate'),
      sql<number | null>`percentile_cont(0.5) WITHIN GROUP (ORDER BY r.seconds)`.as('median'),
    ])
    .groupBy(sql`GROUPING SETS ((r.portal, r.start), (r.portal))`)
    .orderBy('r.portal')
    .orderBy('r.start')
    .execute();
  const toFigures = (r: (typeof rows)[number]): PortalFigures => ({
    count: Number(r.count),
    averageRating: round(r.averageRating, 2),
    responseRate: round(r.responseRate, 3),
    medianTimeToRespondSeconds: r.median === null ? null : Math.round(Number(r.median)),
  });
  const portals: ReviewReport['portals'] = [];
  for (const r of rows.filter((row) => Number(row.total) === 1)) {
    portals.push({ portal: r.portal, ...toFigures(r), buckets: rows.filter((b) => Number(b.total) === 0 && b.portal === r.portal).map((b) => ({ start: new Date(b.start).toISOString(), ...toFigures(b) })) });
  }
  return { from: range.from.toISOString(), to: range.to.toISOString(), bucket: range.bucket, timeZone: workspace.timeZone, portals };
}
