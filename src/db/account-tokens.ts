import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import { hashToken, newSecret, safeEqual } from '../security/tokens.js';
import type { AccountTokensTable, Db, Role } from './schema.js';

export type AccountToken = Selectable<AccountTokensTable>;
export type AccountTokenKind = AccountToken['kind'];

export async function issueAccountToken(
  db: Db,
  input: { workspaceId: string; kind: AccountTokenKind; email: string; userId?: string; role?: Role; createdBy?: string | null; ttlMs: number },
): Promise<{ token: string; row: AccountToken }> {
  const token = newSecret(input.kind === 'reset' ? 'pr' : 'pi');
  const row = await db
    .insertInto('accountTokens')
    .values({
      tokenHash: hashToken(token),
      workspaceId: input.workspaceId,
      kind: input.kind,
      userId: input.userId ?? null,
      email: input.email,
      role: input.role ?? null,
      createdBy: input.createdBy ?? null,
      expiresAt: new Date(Date.now() + input.ttlMs),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { token, row };
}

/**
 * The unused, unexpired token of this kind, locked for the caller's transaction so two tabs
 * cannot both spend it. Blank or short input never matches anything.
 */
export async function findUsableToken(db: Db, kind: AccountTokenKind, token: string): Promise<AccountToken | undefined> {
  if (token.trim().length < 20 || token.trim() !== token) return undefined;
  const hash = hashToken(token);
  const row = await db
    .selectFrom('accountTokens')
    .selectAll()
    .where('tokenHash', '=', hash)
    .where('kind', '=', kind)
    .where('usedAt', 'is', null)
    .where('expiresAt', '>', sql<Date>`now()`)
    .forUpdate()
    .executeTakeFirst();
  // The index compared hashes already; comparing again in constant time keeps the answer's timing
  // independent of how much of a guess was right even if the look-up path ever changes.
  return row && safeEqual(row.tokenHash, hash) ? row : undefined;
}

export async function markTokenUsed(db: Db, id: string): Promise<void> {
  await db.updateTable('accountTokens').set({ usedAt: sql<Date>`now()` }).where('id', '=', id).where('usedAt', 'is', null).execute();
}

/** After a reset, the other reset links of that person stop working too. */
export async function spendResetTokens(db: Db, userId: string): Promise<void> {
  await db.updateTable('accountTokens').set({ usedAt: sql<Date>`now()` }).where('userId', '=', userId).where('kind', '=', 'reset').where('usedAt', 'is', null).execute();
}

export interface InviteDto {
  id: string;
  email: string;
  role: Role;
  createdAt: string;
  expiresAt: string;
}

export function toInviteDto(r: AccountToken): InviteDto {
  return { id: r.id, email: r.email, role: r.role ?? 'viewer', createdAt: r.createdAt.toISOString(), expiresAt: r.expiresAt.toISOString() };
}

export async function listPendingInvites(db: Db, workspaceId: string): Promise<AccountToken[]> {
  return db
    .selectFrom('accountTokens')
    .selectAll()
    .where('workspaceId', '=', workspaceId)
    .where('kind', '=', 'invite')
    .where('usedAt', 'is', null)
    .where('expiresAt', '>', sql<Date>`now()`)
    .orderBy('createdAt', 'desc')
    .execute();
}

/** Whether a pending invitation of the workspace was withdrawn; a used or foreign one was not. */
export async function revokeInvite(db: Db, workspaceId: string, id: string): Promise<boolean> {
  const res = await db
    .updateTable('accountTokens')
    .set({ usedAt: sql<Date>`now()`, expiresAt: sql<Date>`now()` })
    .where('workspaceId', '=', workspaceId)
    .where('id', '=', id)
    .where('kind', '=', 'invite')
    .where('usedAt', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/** Spent and expired links are kept a month for questions ("did my invitation arrive?"), then go. */
export async function pruneAccountTokens(db: Db): Promise<void> {
  await db.deleteFrom('accountTokens').where('expiresAt', '<', sql<Date>`now() - interval '30 days'`).execute();
}
