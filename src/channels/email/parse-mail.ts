import { createHash } from 'node:crypto';
import PostalMime, { type Address, type Mailbox } from 'postal-mime';
import type { AttachmentFile } from '../../db/attachments.js';
import { checkAttachmentLimits } from '../../db/attachments.js';
import { isAppError } from '../../domain/errors.js';
import { headerText, messageIds, normaliseMessageId } from './mail-text.js';

/** A mail the listener refuses for good; the code is the SMTP reply (5xx, the sender gives up). */
export class MailRefused extends Error {
  constructor(
    readonly responseCode: number,
    message: string,
  ) {
    super(message);
  }
}

export interface ParsedMail {
  /** The Message-ID, or a hash of the whole mail when it has none. */
  externalId: string;
  from: { address: string; name: string | null };
  subject: string | null;
  text: string;
  html: string | null;
  /** The addresses in To, Cc and Delivered-To, lower case. */
  recipients: string[];
  /** In-Reply-To and References together, oldest first. */
  references: string[];
  sentAt: Date | null;
  attachments: AttachmentFile[];
}

// Hostile mail nests parts deeply or piles up headers to exhaust the parser; real mail is flat.
const PARSE_LIMITS = { maxNestingDepth: 20, maxHeadersSize: 512 * 1024, maxRfc822NestingDepth: 3 };
const MAX_TEXT = 100_000;
const MAX_HTML = 1_000_000;

// PostgreSQL cannot store NUL in text; a mail carrying one would be refused by the database and
// retried by the sender for days. It means nothing in a message, so it goes.
const withoutNul = (s: string) => s.replace(/\u0000/g, '');

function firstMailbox(address: Address | undefined): Mailbox | null {
  if (!address) return null;
  if (address.group) return address.group[0] ?? null;
  return address;
}

/** Reads a raw mail; `envelopeFrom` stands in when the mail has no usable From header. */
export async function parseMail(raw: Buffer, envelopeFrom: string | null): Promise<ParsedMail> {
  let email;
  try {
    email = await PostalMime.parse(raw, PARSE_LIMITS);
  } catch (err) {
    throw new MailRefused(554, `Message structure refused: ${err instanceof Error ? err.message : String(err)}`);
  }
  const files = email.attachments.map((a) => ({
    filename: a.filename,
    contentType: a.mimeType,
    content: typeof a.content === 'string' ? Buffer.from(a.content, a.encoding === 'base64' ? 'base64' : 'utf8') : a.content instanceof ArrayBuffer ? new Uint8Array(a.content) : a.content,
  }));
  try {
    checkAttachmentLimits(files);
  } catch (err) {
    if (isAppError(err)) throw new MailRefused(552, err.message);
    throw err;
  }
  const sender = firstMailbox(email.from) ?? firstMailbox(email.sender);
  const address = (sender?.address || envelopeFrom || '').trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+$/.test(address)) throw new MailRefused(554, 'The message names no sender address.');
  const date = email.date ? new Date(email.date) : null;
  const subject = email.subject ? headerText(email.subject) : '';
  return {
    externalId: normaliseMessageId(email.messageId) ?? `sha256:${createHash('sha256').update(raw).digest('hex')}`,
    from: { address, name: sender?.name ? headerText(sender.name, 256) || null : null },
    subject: subject || null,
    text: withoutNul(email.text ?? '').slice(0, MAX_TEXT),
    html: email.html ? withoutNul(email.html).slice(0, MAX_HTML) : null,
    recipients: [...(email.to ?? []), ...(email.cc ?? [])]
      .flatMap((a) => (a.group ? a.group : [a]))
      .map((m) => m.address.toLowerCase())
      .concat(email.deliveredTo ? [email.deliveredTo.toLowerCase()] : []),
    references: messageIds(`${email.references ?? ''} ${email.inReplyTo ?? ''}`),
    sentAt: date && !Number.isNaN(date.getTime()) ? date : null,
    attachments: files,
  };
}
