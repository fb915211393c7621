import { sql } from 'kysely';
import { hashToken, newSecret } from '../security/tokens.js';
import type { Db, Role } from './schema.js';

export const SESSION_HOURS = 12;

export async function createSession(db: Db, userId: string, workspaceId: string): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = newSecret('ps');
  const csrfToken = newSecret('csrf');
  const expiresAt = new Date(Date.now() + SESSION_HOURS * 3600_000);
  await db.insertInto('sessions').values({ id: hashToken(token), userId, workspaceId, csrfToken, expiresAt }).execute();
  return { token, csrfToken, expiresAt };
}

export async function authenticateSession(db: Db, token: string): Promise<{ userId: string; workspaceId: string; role: Role; csrfToken: string } | null> {
  if (token.trim().length < 20) return null;
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.userId')
    .select(['sessions.userId', 'sessions.workspaceId', 'users.role', 'sessions.csrfToken'])
    .where('sessions.id', '=', hashToken(token))
    .where('sessions.expiresAt', '>', sql<Date>`now()`)
    .where('users.disabledAt', 'is', null)
    .executeTakeFirst();
  return row ?? null;
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', hashToken(token)).execute();
}

export async function pruneSessions(db: Db): Promise<void> {
  await db.deleteFrom('sessions').where('expiresAt', '<', sql<Date>`now()`).execute();
}
