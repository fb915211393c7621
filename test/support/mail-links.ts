import type { Captured } from './smtp-capture.js';

/** The session cookie a login or an accepted invitation set, ready for a Cookie header. */
export function sessionCookie(headers: Headers): string {
  return headers.getSetCookie().find((c) => c.startsWith('parley_session='))?.split(';')[0] ?? '';
}

/**
 * The link to `page` in the newest mail to `to`, once more than `seen` mails reached that address,
 * with the mail's text (quoted-printable soft breaks undone).
 */
export async function linkMailedTo(mails: Captured[], to: string, page: string, seen = 0): Promise<{ link: string; raw: string }> {
  for (let i = 0; i < 100; i++) {
    const mine = mails.filter((m) => m.rcptTo.includes(to));
    if (mine.length > seen) {
      const raw = (mine.at(-1)?.raw.toString('utf8') ?? '').replace(/=\r?\n/g, '').replace(/=3D/g, '=');
      const link = raw.match(new RegExp(`https?://[^\\s"<]+/${page}#token=[A-Za-z0-9_%-]+`))?.[0];
      if (link) return { link, raw };
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no ${page} mail to ${to}`);
}

/** The token a mailed link carries in its fragment. */
export const tokenOf = (link: string) => decodeURIComponent(link.split('#token=')[1] ?? '');
