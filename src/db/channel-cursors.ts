import { sql } from 'kysely';
import type { Db } from './schema.js';

/** Where a channel's poller stopped (ETag, Last-Modified, newest item seen), by key. */
export async function getCursors(db: Db, channelId: string): Promise<Record<string, string>> {
  const rows = await db.selectFrom('channelCursors').select(['key', 'value']).where('channelId', '=', channelId).execute();
  return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}

/** Saves the given keys; a null value forgets its key (a provider that stopped sending an ETag). */
export async function setCursors(db: Db, channelId: string, values: Record<string, string | null>): Promise<void> {
  const entries = Object.entries(values);
  const kept = entries.filter((e): e is [string, string] => e[1] !== null);
  const dropped = entries.filter(([, v]) => v === null).map(([k]) => k);
  if (kept.length > 0) {
    await db
      .insertInto('channelCursors')
      .values(kept.map(([key, value]) => ({ channelId, key, value })))
      .onConflict((oc) => oc.columns(['channelId', 'key']).doUpdateSet({ value: (eb) => eb.ref('excluded.value'), updatedAt: sql<Date>`now()` }))
      .execute();
  }
  if (dropped.length > 0) await db.deleteFrom('channelCursors').where('channelId', '=', channelId).where('key', 'in', dropped).execute();
}
