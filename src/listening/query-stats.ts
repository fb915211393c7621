import { sql } from 'kysely';
import { heardBy, type ListeningSeries, seriesQueryIds } from '../db/listening-series.js';
import type { Db } from '../db/schema.js';
import { topTerms } from './top-terms.js';

export interface QueryStats {
  /** Hourly buckets, oldest first: every hour of the range, empty ones included. */
  buckets: { start: string; total: number; negative: number }[];
  alerts: { id: string; kind: string; severity: string; bucketStart: string }[];
  topAuthors: { author: string; mentions: number; reach: number }[];
  topTerms: { term: string; count: number }[];
}

const TOP = 10;

/** What a query or brand heard over the last hours: volume and negative mentions per hour, its alerts, who and what. */
export async function seriesStats(db: Db, workspaceId: string, series: ListeningSeries, hours: number, now = new Date()): Promise<QueryStats> {
  const queryIds = await seriesQueryIds(db, workspaceId, series);
  // The current hour is the last bucket, whatever minute it is.
  const end = new Date((Math.floor(now.getTime() / 3_600_000) + 1) * 3_600_000);
  const start = new Date(end.getTime() - hours * 3_600_000);
  const inRange = db
    .selectFrom('mentions')
    .where('workspaceId', '=', workspaceId)
    .where(heardBy(queryIds))
    .where('postedAt', '>=', start)
    .where('postedAt', '<', end);
  const counts = await inRange
    .select([sql<Date>`date_trunc('hour', posted_at)`.as('hour'), sql<number>`count(*)::int`.as('total'), sql<number>`count(*) FILTER (WHERE sentiment = 'negative')::int`.as('negative')])
    .groupBy(sql`date_trunc('hour', posted_at)`)
    .execute();
  const byHour = new Map(counts.map((c) => [new Date(c.hour).getTime(), c]));
  const buckets = Array.from({ length: hours }, (_, i) => {
    const t = start.getTime() + i * 3_600_000;
    const c = byHour.get(t);
    return { start: new Date(t).toISOString(), total: c?.total ?? 0, negative: c?.negative ?? 0 };
  });
  const authors = await inRange
    .select(['author', sql<number>`count(*)::int`.as('mentions'), sql<number>`coalesce(max(reach), 0)::int`.as('reach')])
    .where('author', 'is not', null)
    .groupBy('author')
    .orderBy(sql`count(*)`, 'desc')
    .orderBy(sql`max(reach)`, 'desc')
    .limit(TOP)
    .execute();
  const texts = await inRange.select('text').orderBy('postedAt', 'desc').limit(2_000).execute();
  const alerts = await db
    .selectFrom('listeningAlerts')
    .select(['id', 'kind', 'severity', 'bucketStart'])
    .where('workspaceId', '=', workspaceId)
    .where((eb) => ('brand' in series ? eb('brand', '=', series.brand) : eb('queryId', '=', series.queryId)))
    .where('bucketStart', '>=', start)
    .orderBy('bucketStart')
    .execute();
  return {
    buckets,
    alerts: alerts.map((a) => ({ ...a, bucketStart: a.bucketStart.toISOString() })),
    topAuthors: authors.flatMap((a) => (a.author ? [{ author: a.author, mentions: a.mentions, reach: a.reach }] : [])),
    topTerms: topTerms(texts.map((t) => t.text), TOP),
  };
}
