import type { Kysely } from 'kysely';
import { sendWorkspaceMail } from '../channels/email/workspace-mail.js';
import { findUsableToken, issueAccountToken, markTokenUsed, type AccountToken } from '../db/account-tokens.js';
import { recordAudit, type AuditActor } from '../db/audit-log.js';
import type { Database, Db, Role, User } from '../db/schema.js';
import { createUser, findUserByEmail } from '../db/users.js';
import { getWorkspace } from '../db/workspaces.js';
import { AppError, isAppError } from '../domain/errors.js';
import { accountLink, inviteMail } from './account-mail.js';
import { INVALID_LINK, type AccountMailOptions } from './password-reset.js';

export const INVITE_TTL_MS = 7 * 24 * 3600_000;

export interface CreatedInvite {
  invite: AccountToken;
  /** Shown to the admin once, to hand over when no mail could be sent. */
  link: string;
  /** Why the mail did not go out, if it did not. */
  mailError: string | null;
}

export async function inviteUser(db: Kysely<Database>, workspaceId: string, actor: AuditActor, input: { email: string; role: Role; locale?: 'de' | 'en' }, options: AccountMailOptions): Promise<CreatedInvite> {
  const email = input.email.trim();
  if (await findUserByEmail(db, email)) throw new AppError('conflict', 'A user with this e-mail exists already.', { field: 'email' });
  const { token, row } = await db.transaction().execute(async (trx) => {
    const issued = await issueAccountToken(trx, { workspaceId, kind: 'invite', email, role: input.role, createdBy: actor.type === 'user' ? actor.id : null, ttlMs: INVITE_TTL_MS });
    await recordAudit(trx, workspaceId, actor, { action: 'user.invited', targetType: 'invite', targetId: issued.row.id, metadata: { role: input.role } });
    return issued;
  });
  const workspace = await getWorkspace(db, workspaceId);
  const link = accountLink(options.publicUrl, 'invitation', token);
  let mailError: string | null = null;
  try {
    await sendWorkspaceMail(db, options.box, workspaceId, { to: [email], ...inviteMail(link, workspace.name, input.locale ?? workspace.locale) }, options.allowPrivateNetworks);
  } catch (err) {
    // The invitation stands without the mail: the admin passes the link on another way.
    if (!isAppError(err)) throw err;
    mailError = err.message;
  }
  return { invite: row, link, mailError };
}

/** What the invitee sees before accepting: where and as what they are invited. */
export async function describeInvite(db: Db, token: string): Promise<{ email: string; role: Role; workspace: string }> {
  const row = await findUsableToken(db, 'invite', token);
  if (!row?.role) throw new AppError('invalid', INVALID_LINK, { field: 'token' });
  return { email: row.email, role: row.role, workspace: (await getWorkspace(db, row.workspaceId)).name };
}

/** Creates the invited user with the name and password they chose; the link is spent. */
export async function acceptInvite(db: Kysely<Database>, token: string, input: { name: string; password: string; locale?: 'de' | 'en' }): Promise<User> {
  return db.transaction().execute(async (trx) => {
    const row = await findUsableToken(trx, 'invite', token);
    if (!row?.role) throw new AppError('invalid', INVALID_LINK, { field: 'token' });
    const user = await createUser(trx, row.workspaceId, { email: row.email, name: input.name, role: row.role, password: input.password, ...(input.locale && { locale: input.locale }) });
    await markTokenUsed(trx, row.id);
    await recordAudit(trx, row.workspaceId, { type: 'user', id: user.id }, { action: 'user.created', targetType: 'user', targetId: user.id, metadata: { role: user.role, invite: row.id } });
    return user;
  });
}
