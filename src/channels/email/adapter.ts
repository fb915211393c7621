import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import type { ChannelAdapter, OutboundContext } from '../adapter.js';
import { replySubject, textToHtml } from './compose.js';
import { domainOf, headerText, taggedAddress } from './mail-text.js';
import { signReplyToken } from './reply-token.js';
import { mailServerAddress } from './server-address.js';
import { smtpFailure } from './smtp-failure.js';

/** The purpose the reply-address key is derived for. */
export const REPLY_TOKEN_PURPOSE = 'email-reply-token';

const Smtp = z
  .object({
    host: z.string().trim().min(1).max(253),
    port: z.number().int().min(1).max(65535),
    secure: z.boolean(),
    user: z.string().trim().min(1).max(320).optional(),
  })
  .strict();

const Imap = z
  .object({
    host: z.string().trim().min(1).max(253),
    port: z.number().int().min(1).max(65535),
    secure: z.boolean(),
    user: z.string().trim().min(1).max(320),
    mailbox: z.string().trim().min(1).max(200).default('INBOX'),
  })
  .strict();

const Settings = z
  .object({
    // "+" is where Parley puts its signed reply tokens, so the address itself has none.
    address: z
      .email()
      .max(254)
      .transform((a) => a.toLowerCase())
      .refine((a) => !a.slice(0, a.lastIndexOf('@')).includes('+'), 'an address without "+" in its local part'),
    smtp: Smtp.optional(),
    imap: Imap.optional(),
  })
  .strict();

export type EmailSettings = z.infer<typeof Settings>;

export function emailSettings(settings: Record<string, unknown>): EmailSettings {
  return Settings.parse(settings);
}

const Secrets = z.object({ smtpPassword: z.string().min(1).max(1000), imapPassword: z.string().min(1).max(1000) }).partial().strict();

/** A connection to the company's outgoing mail server, checked like every outbound address. */
export async function smtpTransport(smtp: NonNullable<EmailSettings['smtp']>, password: string | undefined, allowPrivateNetworks: boolean) {
  const host = await mailServerAddress(smtp.host, allowPrivateNetworks);
  return nodemailer.createTransport({
    host,
    port: smtp.port,
    secure: smtp.secure,
    tls: { servername: smtp.host },
    ...(smtp.user && password && { auth: { user: smtp.user, pass: password } }),
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  });
}

/** The Message-IDs of a reply's parent and of the thread, as RFC 5322 wants them. */
function threading(ctx: OutboundContext): { inReplyTo?: string; references?: string[] } {
  const ids = ctx.earlier.filter((m) => m.externalId.startsWith('<'));
  const parent = [...ids].reverse().find((m) => m.direction === 'inbound') ?? ids.at(-1);
  if (!parent) return {};
  return { inReplyTo: parent.externalId, references: ids.map((m) => m.externalId) };
}

/** Mail in through the SMTP listener or the company's IMAP mailbox, out through its SMTP server. */
export const emailChannel: ChannelAdapter = {
  type: 'email',
  settings: Settings,
  secrets: Secrets,
  async send(ctx) {
    const settings = emailSettings(ctx.channel.settings);
    if (!settings.smtp) throw new AppError('invalid', 'This e-mail channel has no outgoing SMTP server: set settings.smtp to send replies.');
    const to = ctx.contact.email ?? ctx.recipientId;
    if (!to) throw new AppError('invalid', 'The contact has no e-mail address to reply to.');
    const token = signReplyToken(ctx.deriveKey(REPLY_TOKEN_PURPOSE), ctx.channel.id, ctx.conversation.id);
    const messageId = `<${randomUUID()}@${domainOf(settings.address)}>`;
    const transport = await smtpTransport(settings.smtp, ctx.secrets.smtpPassword, ctx.allowPrivateNetworks);
    try {
      await transport.sendMail({
        messageId,
        from: { name: headerText(ctx.channel.name, 200), address: settings.address },
        replyTo: taggedAddress(settings.address, token),
        to: { name: headerText(ctx.contact.name ?? '', 200), address: to },
        subject: headerText(replySubject(ctx.conversation.subject, ctx.channel.name)),
        text: ctx.message.text,
        html: ctx.message.html ?? textToHtml(ctx.message.text),
        ...threading(ctx),
        attachments: ctx.files.map((f) => ({ filename: f.filename, contentType: f.contentType, content: f.content })),
        // Attachments are bytes from the database; nothing may make nodemailer read a path or URL.
        disableFileAccess: true,
        disableUrlAccess: true,
      });
    } catch (err) {
      throw smtpFailure(err);
    } finally {
      transport.close();
    }
    return { externalId: messageId };
  },
};
