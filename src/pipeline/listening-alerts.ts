import { sql, type Kysely } from 'kysely';
import { heardBy, type ListeningSeries } from '../db/listening-series.js';
import { enqueueEvents } from '../db/outbox.js';
import type { Database } from '../db/schema.js';
import { createNegativeShiftDetector, createSpikeDetector, DEFAULT_SPIKE_CONFIG } from '../listening/index.js';

const BUCKET_MS = 5 * 60_000;
/** Two weeks of history make "normal for this time of day"; one more day covers the warm-up. */
const HISTORY_MS = (DEFAULT_SPIKE_CONFIG.profileDays + 1) * 24 * 3600_000;

interface Bucket {
  start: Date;
  total: number;
  negative: number;
}

interface ActiveSeries {
  workspaceId: string;
  series: ListeningSeries;
  queryIds: string[];
}

/**
 * Replays each recently active query's, and each brand's, mention counts through the spike and
 * negative-shift detectors and records an alert when the newest bucket is one. Only data up to
 * `now` is used, and replaying is idempotent: a bucket alerts once per series.
 */
export async function detectListeningAlerts(db: Kysely<Database>, now = new Date()): Promise<number> {
  let created = 0;
  for (const s of await activeSeries(db, now)) created += await detectInSeries(db, s, now);
  return created;
}

/** Queries that heard something in the last hour, and the brands those queries belong to. */
async function activeSeries(db: Kysely<Database>, now: Date): Promise<ActiveSeries[]> {
  const active = await db
    .selectFrom('listeningQueries as q')
    .select(['q.id', 'q.workspaceId', 'q.brand'])
    .where(sql<boolean>`EXISTS (SELECT 1 FROM mentions m WHERE m.workspace_id = q.workspace_id AND q.id = ANY(m.query_ids) AND m.posted_at > ${new Date(now.getTime() - 3600_000)})`)
    .execute();
  const series: ActiveSeries[] = active.map((q) => ({ workspaceId: q.workspaceId, series: { queryId: q.id }, queryIds: [q.id] }));
  const brands = new Map<string, { workspaceId: string; brand: string }>();
  for (const q of active) if (q.brand) brands.set(`${q.workspaceId}\u0000${q.brand}`, { workspaceId: q.workspaceId, brand: q.brand });
  for (const b of brands.values()) {
    const ids = await db.selectFrom('listeningQueries').select('id').where('workspaceId', '=', b.workspaceId).where('brand', '=', b.brand).execute();
    series.push({ workspaceId: b.workspaceId, series: { brand: b.brand }, queryIds: ids.map((r) => r.id) });
  }
  return series;
}

async function detectInSeries(db: Kysely<Database>, { workspaceId, series, queryIds }: ActiveSeries, now: Date): Promise<number> {
  const rows = await sql<{ bucket: Date; total: number; negative: number }>`
    SELECT date_bin('5 minutes', posted_at, TIMESTAMPTZ 'epoch') AS bucket, count(*)::int AS total, count(*) FILTER (WHERE sentiment = 'negative')::int AS negative
    FROM mentions
    WHERE workspace_id = ${workspaceId} AND ${heardBy(queryIds)} AND posted_at > ${new Date(now.getTime() - HISTORY_MS)} AND posted_at <= ${now}
    GROUP BY 1 ORDER BY 1`.execute(db);
  const buckets = fill(rows.rows.map((r) => ({ start: r.bucket, total: r.total, negative: r.negative })), now);
  const last = buckets[buckets.length - 1];
  if (!last) return 0;
  const spikes = createSpikeDetector();
  const shifts = createNegativeShiftDetector();
  let volume = null;
  let negative = null;
  for (const b of buckets) {
    const v = spikes.push(b.start, b.total);
    const n = shifts.push(b.start, b.negative, b.total);
    if (b === last) {
      volume = v;
      negative = n;
    }
  }
  const alerts = [
    ...(volume ? [{ kind: 'volume' as const, severity: volume.severity, observed: volume.value, expected: volume.expected }] : []),
    ...(negative ? [{ kind: 'negative' as const, severity: negative.severity, observed: negative.share, expected: negative.normalShare }] : []),
  ];
  let created = 0;
  for (const a of alerts) {
    created += await db.transaction().execute(async (trx) => {
      const top = await trx
        .selectFrom('mentions')
        .select('id')
        .where('workspaceId', '=', workspaceId)
        .where(heardBy(queryIds))
        .where('postedAt', '>=', last.start)
        .orderBy(sql`coalesce(reach, 0)`, 'desc')
        .limit(5)
        .execute();
      const values = { workspaceId, kind: a.kind, severity: a.severity, bucketStart: last.start, observed: a.observed, expected: a.expected, topMentionIds: top.map((t) => t.id) };
      const insert =
        'brand' in series
          ? trx.insertInto('listeningAlerts').values({ ...values, queryId: null, brand: series.brand }).onConflict((oc) => oc.columns(['workspaceId', 'brand', 'kind', 'bucketStart']).where('brand', 'is not', null).doNothing())
          : trx.insertInto('listeningAlerts').values({ ...values, queryId: series.queryId, brand: null }).onConflict((oc) => oc.columns(['queryId', 'kind', 'bucketStart']).doNothing());
      const row = await insert.returningAll().executeTakeFirst();
      if (!row) return 0;
      await enqueueEvents(trx, [{ type: 'listening.alert', workspaceId, data: { ...row, bucketStart: row.bucketStart.toISOString(), createdAt: row.createdAt.toISOString() } }]);
      return 1;
    });
  }
  return created;
}

/** Every five-minute bucket from the first mention up to now, empty ones included. */
function fill(rows: Bucket[], now: Date): Bucket[] {
  const first = rows[0];
  if (!first) return [];
  const byStart = new Map(rows.map((r) => [r.start.getTime(), r]));
  const out: Bucket[] = [];
  const end = Math.floor(now.getTime() / BUCKET_MS) * BUCKET_MS;
  for (let t = first.start.getTime(); t <= end; t += BUCKET_MS) out.push(byStart.get(t) ?? { start: new Date(t), total: 0, negative: 0 });
  return out;
}
