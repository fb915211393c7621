/** Mail address parts, header-safe text and Message-ID lists: the pure side of the e-mail channel. */

export interface MailboxAddress {
  /** local@domain, lower case, without a "+tag". */
  base: string;
  /** What followed "+" in the local part, if anything. */
  tag: string | null;
}

export function splitAddress(address: string): MailboxAddress | null {
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1) return null;
  const local = address.slice(0, at).toLowerCase();
  const domain = address.slice(at + 1).toLowerCase();
  const plus = local.indexOf('+');
  return plus < 0 ? { base: `${local}@${domain}`, tag: null } : { base: `${local.slice(0, plus)}@${domain}`, tag: local.slice(plus + 1) || null };
}

/** The address with a tag after "+" in its local part. */
export function taggedAddress(address: string, tag: string): string {
  const at = address.lastIndexOf('@');
  return `${address.slice(0, at)}+${tag}${address.slice(at)}`;
}

export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}

/**
 * Text that goes into a header written by Parley (subject, display names): customers choose
 * it, so line breaks and control characters, which could start a header of their own, go.
 */
export function headerText(value: string, max = 998): string {
  return value.replace(/[\r\n]+/g, ' ').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '').replace(/\s+/g, ' ').trim().slice(0, max);
}

// Control characters are never part of a Message-ID; PostgreSQL could not even store a NUL.
const MSG_ID = /<([^<>\s@\u0000-\u001f\u007f]+@[^<>\s\u0000-\u001f\u007f]+)>/g;

/** Message-IDs in a References or In-Reply-To header, in order, each once, in <…> form. */
export function messageIds(header: string | null | undefined, max = 50): string[] {
  const ids = [...(header ?? '').matchAll(MSG_ID)].map((m) => `<${m[1]}>`);
  return [...new Set(ids)].slice(-max);
}

/** A Message-ID in the <…> form Parley stores, or null when the header holds none. */
export function normaliseMessageId(value: string | null | undefined): string | null {
  const [id] = messageIds(value);
  if (id) return id.length <= 500 ? id : null;
  const bare = (value ?? '').trim();
  return /^[^<>\s@\u0000-\u001f\u007f]+@[^<>\s\u0000-\u001f\u007f]+$/.test(bare) && bare.length <= 498 ? `<${bare}>` : null;
}
