import { ImapFlow } from 'imapflow';
import type { ChannelRow } from '../../db/schema.js';
import { startWakeLoop } from '../../runtime/wake-loop.js';
import type { SecretBox } from '../../security/secret-box.js';
import { emailSettings, type EmailSettings } from './adapter.js';
import { splitAddress } from './mail-text.js';
import { MailRefused, parseMail } from './parse-mail.js';
import { type MailIntake, receiveMail } from './receive-mail.js';
import { mailServerAddress } from './server-address.js';
import { MAX_MAIL_BYTES } from './smtp-listener.js';
import { notSandbox } from '../../db/live-channels.js';

/** The keyword a mail gets once it is stored: the mailbox itself remembers what was imported. */
export const IMPORTED_KEYWORD = '$ParleyImported';
/** How often the set of IMAP channels is read again, and a quiet mailbox checked without IDLE news. */
const REFRESH_MS = 5_000;
const RECHECK_MS = 60_000;
const MAX_BACKOFF_MS = 300_000;

type ImapSettings = NonNullable<EmailSettings['imap']>;

export interface ImapSyncOptions {
  allowPrivateNetworks: boolean;
  log: (line: string) => void;
}

export interface ImapSync {
  /** Look at the channels again now: one was added or changed. */
  wake(): void;
  stop(): Promise<void>;
}

/** The "+tag" of the first recipient at the channel's own address, where a reply token travels. */
function replyTag(recipients: string[], address: string): string | null {
  for (const r of recipients) {
    const parts = splitAddress(r);
    if (parts?.tag && parts.base === address) return parts.tag;
  }
  return null;
}

/**
 * Stores every mail of the mailbox that is not marked imported and arrived since the channel
 * was created, then marks it. A mail is marked only after it is committed, so a crash in
 * between imports it again, and the Message-ID makes that a duplicate, not a second copy.
 */
async function importNew(client: ImapFlow, intake: MailIntake, channel: ChannelRow, address: string, log: (line: string) => void): Promise<void> {
  const uids = await client.search({ unKeyword: IMPORTED_KEYWORD, since: channel.createdAt }, { uid: true });
  if (!uids || uids.length === 0) return;
  const sizes = await client.fetchAll(uids, { uid: true, size: true }, { uid: true });
  for (const { uid, size } of sizes) {
    let refused: string | null = size !== undefined && size > MAX_MAIL_BYTES ? `larger than ${MAX_MAIL_BYTES} bytes` : null;
    if (!refused) {
      const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
      if (!message || !message.source) continue;
      try {
        const mail = await parseMail(message.source, null);
        await receiveMail(intake, channel, mail, replyTag(mail.recipients, address));
      } catch (err) {
        // A mail that can never be stored is marked too, or it would block the mailbox for ever.
        if (!(err instanceof MailRefused)) throw err;
        refused = err.message;
      }
    }
    if (refused) log(`imap ${channel.id}: mail ${uid} not imported: ${refused}`);
    await client.messageFlagsAdd(String(uid), [IMPORTED_KEYWORD], { uid: true });
  }
}

interface Watcher {
  key: string;
  stop(): Promise<void>;
}

/** Keeps one connection to a channel's mailbox: IDLE tells about new mail, errors reconnect with backoff. */
function watchMailbox(intake: MailIntake, channel: ChannelRow, imap: ImapSettings, password: string, address: string, options: ImapSyncOptions): Watcher['stop'] {
  let stopped = false;
  let client: ImapFlow | null = null;
  let wake: () => void = () => {};
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const done = (async () => {
    let failures = 0;
    while (!stopped) {
      try {
        const host = await mailServerAddress(imap.host, options.allowPrivateNetworks);
        client = new ImapFlow({ host, port: imap.port, secure: imap.secure, servername: imap.host, auth: { user: imap.user, pass: password }, logger: false, autoIdleDelay: 1_000 });
        const c = client;
        let news = false;
        c.on('exists', () => {
          news = true;
          wake();
        });
        c.on('close', () => wake());
        c.on('error', () => wake());
        await c.connect();
        // This connection is the watcher's alone, so the mailbox stays selected without a lock,
        // and the client idles between imports.
        await c.mailboxOpen(imap.mailbox);
        failures = 0;
        while (!stopped && c.usable) {
          news = false;
          await importNew(c, intake, channel, address, options.log);
          // Mail that came in during the import is fetched at once; otherwise IDLE wakes us.
          if (!news) await pause(RECHECK_MS);
        }
      } catch (err) {
        failures++;
        if (!stopped) options.log(`imap ${channel.id}: ${err instanceof Error ? err.message : String(err)}`);
      } finally {
        const c = client;
        client = null;
        await c?.logout().catch(() => c.close());
      }
      if (!stopped && failures > 0) await pause(Math.min(1000 * 2 ** failures, MAX_BACKOFF_MS));
    }
  })();

  return async () => {
    stopped = true;
    wake();
    client?.close();
    await done;
  };
}

/**
 * Follows the mailboxes of all enabled e-mail channels that name an IMAP server: channels
 * added, changed or disabled are picked up within seconds.
 */
export function startImapSync(intake: MailIntake, box: SecretBox, options: ImapSyncOptions): ImapSync {
  const watchers = new Map<string, Watcher>();
  const loop = startWakeLoop(
    async (stopped) => {
      const channels = await intake.db.selectFrom('channels').selectAll().where('type', '=', 'email').where('disabledAt', 'is', null).where(notSandbox).execute();
      const wanted = new Map<string, { channel: ChannelRow; key: string }>();
      for (const channel of channels) {
        if (!channel.settings.imap) continue;
        wanted.set(channel.id, { channel, key: JSON.stringify([channel.settings, channel.secrets]) });
      }
      for (const [id, w] of watchers) {
        if (wanted.get(id)?.key !== w.key || stopped()) {
          watchers.delete(id);
          await w.stop();
        }
      }
      if (stopped()) return;
      for (const [id, { channel, key }] of wanted) {
        if (watchers.has(id)) continue;
        const settings = emailSettings(channel.settings);
        const password = channel.secrets ? box.open(channel.secrets).imapPassword : undefined;
        if (!settings.imap || !password) {
          options.log(`imap ${id}: no IMAP password set; the mailbox is not read.`);
          // Remembered under its key, so the complaint comes once per configuration.
          watchers.set(id, { key, stop: async () => {} });
          continue;
        }
        watchers.set(id, { key, stop: watchMailbox(intake, channel, settings.imap, password, settings.address, options) });
      }
    },
    REFRESH_MS,
    (err) => options.log(`imap: ${err instanceof Error ? err.message : String(err)}`),
  );
  return {
    wake: loop.wake,
    async stop() {
      await loop.stop();
      await Promise.all([...watchers.values()].map((w) => w.stop()));
      watchers.clear();
    },
  };
}
