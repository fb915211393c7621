import { sql } from 'kysely';
import { AppError } from '../domain/errors.js';
import { hashToken, newSecret } from '../security/tokens.js';
import type { Db, Role } from './schema.js';

export interface ApiTokenDto {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revoked: boolean;
}

export async function createApiToken(db: Db, workspaceId: string, input: { name: string; role: Role; createdBy?: string | null; expiresAt?: Date | null }): Promise<{ token: string; dto: ApiTokenDto }> {
  const token = newSecret('pk');
  const row = await db
    .insertInto('apiTokens')
    .values({
      workspaceId,
      name: input.name,
      role: input.role,
      tokenHash: hashToken(token),
      prefix: token.slice(0, 10),
      createdBy: input.createdBy ?? null,
      expiresAt: input.expiresAt ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { token, dto: toTokenDto(row) };
}

function toTokenDto(row: { id: string; name: string; role: Role; prefix: string; createdAt: Date; expiresAt: Date | null; lastUsedAt: Date | null; revokedAt: Date | null }): ApiTokenDto {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revoked: row.revokedAt !== null,
  };
}

export async function listApiTokens(db: Db, workspaceId: string): Promise<ApiTokenDto[]> {
  const rows = await db.selectFrom('apiTokens').selectAll().where('workspaceId', '=', workspaceId).orderBy('createdAt', 'desc').execute();
  return rows.map(toTokenDto);
}

export async function revokeApiToken(db: Db, workspaceId: string, id: string): Promise<void> {
  const res = await db.updateTable('apiTokens').set({ revokedAt: sql<Date>`now()` }).where('workspaceId', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw new AppError('not_found', 'API token not found.');
}

/** The workspace and role a bearer token grants, or null. Empty tokens never match. */
export async function authenticateApiToken(db: Db, token: string): Promise<{ tokenId: string; workspaceId: string; role: Role } | null> {
  if (token.trim().length < 20) return null;
  const row = await db
    .selectFrom('apiTokens')
    .select(['id', 'workspaceId', 'role', 'lastUsedAt'])
    .where('tokenHash', '=', hashToken(token))
    .where('revokedAt', 'is', null)
    .where((eb) => eb.or([eb('expiresAt', 'is', null), eb('expiresAt', '>', sql<Date>`now()`)]))
    .executeTakeFirst();
  if (!row) return null;
  // Recording every use would put a write on every request; once a minute is enough to show activity.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db.updateTable('apiTokens').set({ lastUsedAt: sql<Date>`now()` }).where('id', '=', row.id).execute();
  }
  return { tokenId: row.id, workspaceId: row.workspaceId, role: row.role };
}
