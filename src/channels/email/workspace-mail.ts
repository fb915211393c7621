import { sql } from 'kysely';
import type { ChannelRow, Db } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import type { SecretBox } from '../../security/secret-box.js';
import { emailSettings, smtpTransport } from './adapter.js';
import { textToHtml } from './compose.js';
import { headerText } from './mail-text.js';
import { smtpFailure } from './smtp-failure.js';

/** The workspace's first enabled e-mail channel that can send (it has an outgoing server), if any. */
export async function outgoingMailbox(db: Db, workspaceId: string): Promise<ChannelRow | undefined> {
  return db
    .selectFrom('channels')
    .selectAll()
    .where('workspaceId', '=', workspaceId)
    .where('type', '=', 'email')
    .where('disabledAt', 'is', null)
    .where(sql<boolean>`settings ? 'smtp'`)
    .orderBy('createdAt')
    .executeTakeFirst();
}

/**
 * Sends Parley's own notice (an early warning, say) to people of the workspace, through its first
 * e-mail channel with an outgoing server. Without one there is no way to send: that is `invalid`.
 */
export async function sendWorkspaceMail(db: Db, box: SecretBox, workspaceId: string, mail: { to: string[]; subject: string; text: string }, allowPrivateNetworks: boolean): Promise<void> {
  const channel = await outgoingMailbox(db, workspaceId);
  if (!channel) throw new AppError('invalid', 'The workspace has no e-mail channel with an outgoing server to send notices through.');
  const settings = emailSettings(channel.settings);
  if (!settings.smtp) throw new AppError('invalid', 'The e-mail channel has no outgoing server.');
  const transport = await smtpTransport(settings.smtp, channel.secrets ? box.open(channel.secrets).smtpPassword : undefined, allowPrivateNetworks);
  try {
    await transport.sendMail({
      from: { name: headerText(channel.name, 200), address: settings.address },
      to: mail.to,
      subject: headerText(mail.subject),
      text: mail.text,
      html: textToHtml(mail.text),
      disableFileAccess: true,
      disableUrlAccess: true,
    });
  } catch (err) {
    throw smtpFailure(err);
  } finally {
    transport.close();
  }
}
