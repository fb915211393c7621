import { sql } from 'kysely';
import { AppError } from '../domain/errors.js';
import type { Db } from './schema.js';

/** What one early-warning series hears: a single query, or every query of one brand together. */
export type ListeningSeries = { queryId: string } | { brand: string };

/** The series an alert row belongs to; the table's check keeps exactly one of the two set. */
export function seriesOfAlert(alert: { queryId: string | null; brand: string | null }): ListeningSeries {
  if (alert.brand !== null) return { brand: alert.brand };
  if (alert.queryId !== null) return { queryId: alert.queryId };
  throw new AppError('invalid', 'An alert belongs to a query or a brand.');
}

/** The queries a series listens through; a query or brand the workspace does not have is not found. */
export async function seriesQueryIds(db: Db, workspaceId: string, series: ListeningSeries): Promise<string[]> {
  let q = db.selectFrom('listeningQueries').select('id').where('workspaceId', '=', workspaceId);
  q = 'brand' in series ? q.where('brand', '=', series.brand) : q.where('id', '=', series.queryId);
  const ids = (await q.execute()).map((r) => r.id);
  if (ids.length === 0) throw new AppError('not_found', 'brand' in series ? 'No listening query has this brand.' : 'Listening query not found.');
  return ids;
}

/** A mention belongs to a series when it matched any of the series' queries; a mention counts once. */
export function heardBy(queryIds: string[]) {
  return sql<boolean>`query_ids && ${queryIds}::uuid[]`;
}

/** The brands the workspace listens for, with how many queries each has. */
export async function listListeningBrands(db: Db, workspaceId: string): Promise<{ brand: string; queries: number }[]> {
  const rows = await db
    .selectFrom('listeningQueries')
    .select(['brand', sql<number>`count(*)::int`.as('queries')])
    .where('workspaceId', '=', workspaceId)
    .where('brand', 'is not', null)
    .groupBy('brand')
    .orderBy('brand')
    .execute();
  return rows.flatMap((r) => (r.brand ? [{ brand: r.brand, queries: r.queries }] : []));
}
