/** Per-file and per-message limits on attachments, for every channel. */
export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;
export const MAX_ATTACHMENTS_PER_MESSAGE = 50;

const MAX_FILENAME_LENGTH = 200;

/**
 * A file name that is safe to store and to offer for download: no folders (a name like
 * "../../x" comes from the sender), no control characters, not empty, not too long.
 */
export function safeFilename(name: string | null | undefined): string {
  const base = (name ?? '').split(/[/\\]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f-\u009f"]/g, '').replace(/^[\s.]+/, '').trim();
  if (clean.length === 0) return 'attachment';
  if (clean.length <= MAX_FILENAME_LENGTH) return clean;
  const dot = clean.lastIndexOf('.');
  const ext = dot > 0 && clean.length - dot <= 16 ? clean.slice(dot) : '';
  return clean.slice(0, MAX_FILENAME_LENGTH - ext.length) + ext;
}

/** A bare `type/subtype`; anything a sender made up becomes application/octet-stream. */
export function safeContentType(value: string | null | undefined): string {
  const bare = (value ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/.test(bare) ? bare : 'application/octet-stream';
}

/** RFC 6266: an ASCII fallback for old clients and the exact name in UTF-8. */
export function contentDisposition(filename: string): string {
  const name = safeFilename(filename);
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/[\\"]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
