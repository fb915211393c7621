import { sql } from 'kysely';
import { hashToken } from '../security/tokens.js';
import type { Db } from './schema.js';

/** Counters outlive every limiter's window by far; older rows are only dead weight. */
const KEEP_MS = 24 * 3600_000;

// Keys name e-mail addresses and IPs; stored hashed, the table holds no personal data in clear.
const stored = (key: string) => hashToken(key);

export interface HitCount {
  key: string;
  count: number;
  /** When the oldest counted minute leaves the window. */
  retryAfterMs: number;
}

export async function countHits(db: Db, keys: string[], windowMs: number, now: number): Promise<HitCount[]> {
  if (keys.length === 0) return [];
  const rows = await db
    .selectFrom('rateLimitHits')
    .select(['key', sql<number>`sum(hits)::int`.as('count'), sql<Date>`min(bucket_start)`.as('oldest')])
    .where('key', 'in', keys.map(stored))
    .where('bucketStart', '>', new Date(now - windowMs))
    .groupBy('key')
    .execute();
  return keys.map((key) => {
    const row = rows.find((r) => r.key === stored(key));
    return { key, count: row?.count ?? 0, retryAfterMs: row ? Math.max(1000, row.oldest.getTime() + windowMs - now) : 0 };
  });
}

/**
 * One upsert per key into the counter of its time bucket: simultaneous hits from several
 * processes add up instead of overwriting each other.
 */
export async function addHit(db: Db, keys: string[], now: number, bucketMs: number): Promise<void> {
  if (keys.length === 0) return;
  const bucketStart = new Date(Math.floor(now / bucketMs) * bucketMs);
  await db
    .insertInto('rateLimitHits')
    .values([...new Set(keys)].map((key) => ({ key: stored(key), bucketStart, hits: 1 })))
    .onConflict((oc) => oc.columns(['key', 'bucketStart']).doUpdateSet({ hits: sql<number>`rate_limit_hits.hits + 1` }))
    .execute();
}

export async function forgetHits(db: Db, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  await db.deleteFrom('rateLimitHits').where('key', 'in', keys.map(stored)).execute();
}

export async function pruneRateLimitHits(db: Db, now = Date.now()): Promise<void> {
  await db.deleteFrom('rateLimitHits').where('bucketStart', '<', new Date(now - KEEP_MS)).execute();
}
