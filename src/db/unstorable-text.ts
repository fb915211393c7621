/**
 * PostgreSQL refuses some characters in text and JSON (the NUL character above all) with these
 * SQLSTATEs. Such input is the sender's mistake, not the server's: callers answer `invalid`.
 */
const UNSTORABLE = new Set(['22021', '22P05']);

export function isUnstorableText(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string' && UNSTORABLE.has(err.code);
}
