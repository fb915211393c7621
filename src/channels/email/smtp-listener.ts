import { SMTPServer, type SMTPServerDataStream, type SMTPServerError, type SMTPServerSession } from 'smtp-server';
import { isAppError } from '../../domain/errors.js';
import type { ChannelRow } from '../../db/schema.js';
import { findMailboxChannel } from './mailboxes.js';
import { splitAddress } from './mail-text.js';
import { MailRefused, parseMail } from './parse-mail.js';
import { type MailIntake, receiveMail } from './receive-mail.js';

/** Room for 25 MB of attachments after base64 (a third more) plus the text. */
export const MAX_MAIL_BYTES = 36 * 1024 * 1024;
const MAX_RECIPIENTS = 50;

export interface SmtpListenerOptions {
  port: number;
  host: string;
  /** Offer STARTTLS with this certificate; without one the listener speaks plain SMTP only. */
  tls?: { key: Buffer; cert: Buffer };
  log?: (line: string) => void;
}

export interface SmtpListener {
  port: number;
  close(): Promise<void>;
}

function smtpError(responseCode: number, message: string): SMTPServerError {
  return Object.assign(new Error(message), { responseCode });
}

/** What the sending server hears: a lasting refusal (5xx) only when trying again cannot help. */
function replyFor(err: unknown): SMTPServerError {
  if (err instanceof MailRefused) return smtpError(err.responseCode, err.message);
  if (isAppError(err) && err.code === 'too_large') return smtpError(552, err.message);
  if (isAppError(err) && err.code === 'invalid') return smtpError(554, err.message);
  return smtpError(451, 'Temporary failure storing the message; try again later.');
}

async function readAll(stream: SMTPServerDataStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Where each recipient's mail goes: its channel and the tag after "+" (a reply token), each channel once. */
async function recipients(intake: MailIntake, session: SMTPServerSession): Promise<{ channel: ChannelRow; tag: string | null }[]> {
  const out = new Map<string, { channel: ChannelRow; tag: string | null }>();
  for (const rcpt of session.envelope.rcptTo) {
    const address = splitAddress(rcpt.address);
    const channel = address && (await findMailboxChannel(intake.db, address.base));
    if (!channel || !address) continue;
    const seen = out.get(channel.id);
    if (!seen || (!seen.tag && address.tag)) out.set(channel.id, { channel, tag: address.tag });
  }
  return [...out.values()];
}

/**
 * An MX-style listener: it takes mail for the addresses of enabled e-mail channels (no AUTH,
 * as the internet's mail servers deliver) and answers 250 only once the message is stored.
 */
export async function startSmtpListener(intake: MailIntake, options: SmtpListenerOptions): Promise<SmtpListener> {
  const log = options.log ?? (() => {});
  const server = new SMTPServer({
    banner: 'Parley',
    logger: false,
    authOptional: true,
    disabledCommands: options.tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    ...(options.tls && { key: options.tls.key, cert: options.tls.cert }),
    size: MAX_MAIL_BYTES,
    rejectOversized: true,
    maxRecipients: MAX_RECIPIENTS,
    disableReverseLookup: true,
    onRcptTo(address, _session, callback) {
      const mailbox = splitAddress(address.address);
      if (!mailbox) return callback(smtpError(550, 'No such mailbox here.'));
      findMailboxChannel(intake.db, mailbox.base).then(
        (channel) => callback(channel ? null : smtpError(550, 'No such mailbox here.')),
        () => callback(smtpError(451, 'Temporary failure; try again later.')),
      );
    },
    onData(stream, session, callback) {
      (async () => {
        const raw = await readAll(stream);
        // The server itself answers 552 for an oversized message; nothing of it is stored.
        if (stream.sizeExceeded) return callback(smtpError(552, 'Message too large.'));
        const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : null;
        const mail = await parseMail(raw, envelopeFrom || null);
        const targets = await recipients(intake, session);
        // Every mailbox went away (disabled) between RCPT and DATA: refuse rather than accept into nowhere.
        if (targets.length === 0) return callback(smtpError(550, 'No such mailbox here.'));
        for (const { channel, tag } of targets) await receiveMail(intake, channel, mail, tag);
        callback(null, 'OK: message stored');
      })().catch((err: unknown) => {
        const reply = replyFor(err);
        if (reply.responseCode === 451) log(`smtp: ${err instanceof Error ? err.message : String(err)}`);
        callback(reply);
      });
    },
  });
  server.on('error', (err) => log(`smtp: ${err.message}`));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const address = server.server.address();
  return {
    port: typeof address === 'object' && address ? address.port : options.port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
