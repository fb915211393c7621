import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { ChannelRow, Database } from '../../db/schema.js';
import type { IngestBatcher } from '../../pipeline/ingest-batcher.js';
import { startWakeLoop, type WakeLoop } from '../../runtime/wake-loop.js';
import { streamOutbound } from '../../security/outbound-http.js';
import type { SecretBox } from '../../security/secret-box.js';
import { failureFromResponse } from '../http-failure.js';
import { jsonOrNull } from '../json.js';
import { callMastodon, Settings } from './adapter.js';
import { messageFromStatus, statusOfEvent } from './payload.js';
import { createSseParser, type SseEvent } from './sse.js';
import { notSandbox } from '../../db/live-channels.js';

/** Mastodon sends a heartbeat every 15 seconds; a stream silent for much longer is dead. */
const IDLE_TIMEOUT_MS = 90_000;
/** A connection that lasted this long was healthy: the next failure starts the backoff afresh. */
const HEALTHY_MS = 60_000;
const MAX_BACKOFF_MS = 300_000;

/** Reconnect delays: 1 s, 2 s, 4 s … up to five minutes, with jitter so channels do not reconnect in step. */
export function reconnectDelayMs(failures: number, random = Math.random): number {
  return Math.round(Math.min(1_000 * 2 ** Math.max(0, failures - 1), MAX_BACKOFF_MS) * (0.8 + 0.4 * random()));
}

interface Connection {
  channel: ChannelRow;
  path: string;
  stopped: boolean;
  close: () => void;
  wakeUp: () => void;
  done: Promise<void>;
}

const Credentials = z.object({ id: z.string() });

/** The paths a channel listens on: its mentions, and each hashtag it follows. */
function streamPaths(channel: ChannelRow): string[] {
  const settings = Settings.parse(channel.settings);
  return ['/api/v1/streaming/user/notification', ...settings.hashtags.map((t) => `/api/v1/streaming/hashtag?tag=${encodeURIComponent(t)}`)];
}

/**
 * Keeps one streaming connection per Mastodon channel and stream (mentions, each hashtag), opened
 * and closed as channels are added, changed or disabled, each reconnecting with backoff. Every
 * status is stored through the one ingestion path, once however many streams deliver it.
 */
export function startMastodonStreams(
  db: Kysely<Database>,
  box: SecretBox,
  ingest: IngestBatcher,
  options: { allowPrivateNetworks: boolean; onError: (err: unknown) => void; onStored: () => void; syncMs: number },
): WakeLoop {
  const connections = new Map<string, Connection>();
  let stopped = false;

  /** A reply to a status Parley stored (the customer's or its own) joins that status's thread. */
  async function threadOfParent(channelId: string, parentId: string | null | undefined): Promise<string | undefined> {
    if (!parentId) return undefined;
    const row = await db
      .selectFrom('messages')
      .innerJoin('conversations', 'conversations.id', 'messages.conversationId')
      .select('conversations.threadKey')
      .where('messages.channelId', '=', channelId)
      .where('messages.externalId', '=', parentId)
      .executeTakeFirst();
    return row?.threadKey ?? undefined;
  }

  async function handle(conn: Connection, ownId: string, event: SseEvent): Promise<void> {
    const status = statusOfEvent(event.event, jsonOrNull(event.data));
    // Parley's own replies come back on the streams too; they are stored already, as sent.
    if (!status || status.account.id === ownId) return;
    const message = messageFromStatus(status, await threadOfParent(conn.channel.id, status.in_reply_to_id));
    if (message && !(await ingest.accept(conn.channel, message)).duplicate) options.onStored();
  }

  async function streamOnce(conn: Connection): Promise<void> {
    const settings = Settings.parse(conn.channel.settings);
    const token = conn.channel.secrets ? box.open(conn.channel.secrets).accessToken : undefined;
    const me = Credentials.safeParse(await callMastodon(settings, token, 'GET', '/api/v1/accounts/verify_credentials', null, {}, options.allowPrivateNetworks));
    const ownId = me.success ? me.data.id : '';
    const url = `${(settings.streamingUrl ?? settings.instanceUrl).replace(/\/+$/, '')}${conn.path}`;
    const hangUp = new AbortController();
    conn.close = () => hangUp.abort();
    const stream = await streamOutbound(url, { authorization: `Bearer ${token ?? ''}`, accept: 'text/event-stream' }, { allowPrivateNetworks: options.allowPrivateNetworks, idleMs: IDLE_TIMEOUT_MS, signal: hangUp.signal });
    if (conn.stopped) return hangUp.abort();
    if (stream.status !== 200) {
      stream.body.resume();
      throw failureFromResponse(stream.status, null, `the streaming API answered HTTP ${stream.status}`);
    }
    const pending: SseEvent[] = [];
    const parser = createSseParser((e) => pending.push(e));
    stream.body.setEncoding('utf8');
    try {
      for await (const chunk of stream.body) {
        parser.push(String(chunk));
        // Events are stored one after another, in the order the instance sent them.
        while (pending.length > 0) await handle(conn, ownId, pending.shift()!);
      }
    } finally {
      hangUp.abort();
    }
  }

  function open(channel: ChannelRow, path: string): Connection {
    const conn: Connection = { channel, path, stopped: false, close: () => {}, wakeUp: () => {}, done: Promise.resolve() };
    conn.done = (async () => {
      let failures = 0;
      while (!conn.stopped) {
        const started = Date.now();
        try {
          await streamOnce(conn);
        } catch (err) {
          if (!conn.stopped) options.onError(new Error(`Mastodon stream ${path} of channel ${channel.id}: ${err instanceof Error ? err.message : String(err)}`));
        }
        if (conn.stopped) break;
        failures = Date.now() - started > HEALTHY_MS ? 1 : failures + 1;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, reconnectDelayMs(failures));
          conn.wakeUp = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    })();
    return conn;
  }

  function stop(conn: Connection): Promise<void> {
    conn.stopped = true;
    conn.close();
    conn.wakeUp();
    return conn.done;
  }

  async function sync(): Promise<void> {
    const rows = await db.selectFrom('channels').selectAll().where('type', '=', 'mastodon').where('disabledAt', 'is', null).where(notSandbox).execute();
    const wanted = new Map<string, { channel: ChannelRow; path: string }>();
    for (const channel of rows) {
      // A changed address, hashtag list or token opens new connections in place of the old ones.
      const version = createHash('sha256').update(JSON.stringify(channel.settings)).update(channel.secrets ?? '').digest('hex').slice(0, 16);
      for (const path of streamPaths(channel)) wanted.set(`${channel.id} ${path} ${version}`, { channel, path });
    }
    for (const [key, conn] of connections) {
      if (!wanted.has(key)) {
        connections.delete(key);
        void stop(conn);
      }
    }
    for (const [key, { channel, path }] of wanted) if (!stopped && !connections.has(key)) connections.set(key, open(channel, path));
  }

  const loop = startWakeLoop(sync, options.syncMs, options.onError);
  return {
    wake: loop.wake,
    async stop() {
      stopped = true;
      await loop.stop();
      await Promise.all([...connections.values()].map(stop));
      connections.clear();
    },
  };
}
