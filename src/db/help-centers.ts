import { AppError } from '../domain/errors.js';
import type { Db } from './schema.js';
import { isUniqueViolation } from './unique-violation.js';

export interface HelpCenterSettings {
  logoUrl: string | null;
  primaryColor: string | null;
  customHost: string | null;
}

const NONE: HelpCenterSettings = { logoUrl: null, primaryColor: null, customHost: null };

export async function getHelpCenterSettings(db: Db, workspaceId: string): Promise<HelpCenterSettings> {
  const row = await db.selectFrom('helpCenters').select(['logoUrl', 'primaryColor', 'customHost']).where('workspaceId', '=', workspaceId).executeTakeFirst();
  return row ?? NONE;
}

export async function saveHelpCenterSettings(db: Db, workspaceId: string, settings: HelpCenterSettings): Promise<HelpCenterSettings> {
  try {
    return await db
      .insertInto('helpCenters')
      .values({ workspaceId, ...settings })
      .onConflict((oc) => oc.column('workspaceId').doUpdateSet({ ...settings, updatedAt: new Date() }))
      .returning(['logoUrl', 'primaryColor', 'customHost'])
      .executeTakeFirstOrThrow();
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('conflict', 'Another workspace\'s help center uses this host name.', { field: 'customHost' });
    throw err;
  }
}

/** Every custom host with its workspace's slug, for routing requests that arrive on them. */
export async function listCustomHosts(db: Db): Promise<{ host: string; slug: string }[]> {
  const rows = await db
    .selectFrom('helpCenters')
    .innerJoin('workspaces', 'workspaces.id', 'helpCenters.workspaceId')
    .select(['helpCenters.customHost', 'workspaces.slug'])
    .where('helpCenters.customHost', 'is not', null)
    .execute();
  return rows.map((r) => ({ host: r.customHost ?? '', slug: r.slug }));
}
