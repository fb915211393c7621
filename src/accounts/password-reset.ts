import { sendWorkspaceMail } from '../channels/email/workspace-mail.js';
import { findUsableToken, issueAccountToken, spendResetTokens } from '../db/account-tokens.js';
import { recordAudit } from '../db/audit-log.js';
import type { Database, Db } from '../db/schema.js';
import { findUserByEmail, updateUser } from '../db/users.js';
import { getWorkspace } from '../db/workspaces.js';
import { AppError } from '../domain/errors.js';
import type { SecretBox } from '../security/secret-box.js';
import type { Kysely } from 'kysely';
import { accountLink, resetMail } from './account-mail.js';

export const RESET_TTL_MS = 3600_000;

export interface AccountMailOptions {
  box: SecretBox;
  publicUrl: string;
  allowPrivateNetworks: boolean;
}

/**
 * Mails a reset link to an active user with this address, through the workspace's outgoing
 * mailbox. Says nothing about whether the address exists: the caller answers the same either way.
 */
export async function requestPasswordReset(db: Kysely<Database>, email: string, options: AccountMailOptions): Promise<'sent' | 'unknown'> {
  const user = await findUserByEmail(db, email);
  if (!user || user.disabledAt) return 'unknown';
  const { token } = await issueAccountToken(db, { workspaceId: user.workspaceId, kind: 'reset', userId: user.id, email: user.email, ttlMs: RESET_TTL_MS });
  const workspace = await getWorkspace(db, user.workspaceId);
  const mail = resetMail(accountLink(options.publicUrl, 'reset-password', token), user.locale ?? workspace.locale);
  await sendWorkspaceMail(db, options.box, user.workspaceId, { to: [user.email], ...mail }, options.allowPrivateNetworks);
  return 'sent';
}

export const INVALID_LINK = 'This link is invalid, expired or used already. Ask for a new one.';

/** Sets the new password, spends every reset link of the person and ends all their sessions. */
export async function resetPassword(db: Kysely<Database>, token: string, password: string): Promise<void> {
  await db.transaction().execute(async (trx: Db) => {
    const row = await findUsableToken(trx, 'reset', token);
    if (!row?.userId) throw new AppError('invalid', INVALID_LINK, { field: 'token' });
    await updateUser(trx, row.workspaceId, row.userId, { password });
    await spendResetTokens(trx, row.userId);
    await recordAudit(trx, row.workspaceId, { type: 'user', id: row.userId }, { action: 'user.password_reset', targetType: 'user', targetId: row.userId });
  });
}
