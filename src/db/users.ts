import { sql } from 'kysely';
import { AppError } from '../domain/errors.js';
import { hashPassword } from '../security/passwords.js';
import type { Db, Role, User } from './schema.js';

export interface UserDto {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale: string | null;
  disabled: boolean;
  createdAt: string;
}

export function toUserDto(u: User): UserDto {
  return { id: u.id, email: u.email, name: u.name, role: u.role, locale: u.locale, disabled: u.disabledAt !== null, createdAt: u.createdAt.toISOString() };
}

export const MIN_PASSWORD_LENGTH = 10;

export async function createUser(db: Db, workspaceId: string, input: { email: string; name: string; role: Role; password?: string; locale?: string | null }): Promise<User> {
  if (input.password !== undefined && input.password.length < MIN_PASSWORD_LENGTH) {
    throw new AppError('invalid', `The password must have at least ${MIN_PASSWORD_LENGTH} characters.`, { field: 'password' });
  }
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const existing = await db.selectFrom('users').select('id').where(sql<string>`lower(email)`, '=', input.email.toLowerCase()).executeTakeFirst();
  if (existing) throw new AppError('conflict', 'A user with this e-mail exists already.', { field: 'email' });
  return db
    .insertInto('users')
    .values({ workspaceId, email: input.email.trim(), name: input.name, role: input.role, passwordHash, locale: input.locale ?? null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function getUser(db: Db, workspaceId: string, id: string): Promise<User> {
  const row = await db.selectFrom('users').selectAll().where('workspaceId', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('not_found', 'User not found.');
  return row;
}

export async function findUserByEmail(db: Db, email: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where(sql<string>`lower(email)`, '=', email.trim().toLowerCase()).executeTakeFirst();
}

export async function listUsers(db: Db, workspaceId: string): Promise<User[]> {
  return db.selectFrom('users').selectAll().where('workspaceId', '=', workspaceId).orderBy('name').execute();
}

export async function updateUser(db: Db, workspaceId: string, id: string, patch: { name?: string; role?: Role; locale?: string | null; password?: string; disabled?: boolean }): Promise<User> {
  await getUser(db, workspaceId, id);
  if (patch.password !== undefined && patch.password.length < MIN_PASSWORD_LENGTH) {
    throw new AppError('invalid', `The password must have at least ${MIN_PASSWORD_LENGTH} characters.`, { field: 'password' });
  }
  const row = await db
    .updateTable('users')
    .set({
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.role !== undefined && { role: patch.role }),
      ...(patch.locale !== undefined && { locale: patch.locale }),
      ...(patch.password !== undefined && { passwordHash: await hashPassword(patch.password) }),
      ...(patch.disabled !== undefined && { disabledAt: patch.disabled ? sql<Date>`now()` : null }),
    })
    .where('workspaceId', '=', workspaceId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  if (patch.disabled || patch.password !== undefined) {
    await db.deleteFrom('sessions').where('userId', '=', id).execute();
  }
  return row;
}
