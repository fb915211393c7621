import { sql } from 'kysely';
import type { ChannelRow, Db } from '../../db/schema.js';

/** The enabled e-mail channel that receives at an address (without its "+tag"), across workspaces. */
export async function findMailboxChannel(db: Db, baseAddress: string): Promise<ChannelRow | null> {
  const row = await db
    .selectFrom('channels')
    .selectAll()
    .where('type', '=', 'email')
    .where(sql<string>`lower(settings->>'address')`, '=', baseAddress.toLowerCase())
    .where('disabledAt', 'is', null)
    .executeTakeFirst();
  return row ?? null;
}
