import type { Kysely } from 'kysely';
import { getCursors, setCursors } from '../db/channel-cursors.js';
import type { ChannelRow, Database } from '../db/schema.js';
import { AppError } from '../domain/errors.js';
import type { IngestBatcher } from '../pipeline/ingest-batcher.js';
import type { InboundMessage } from '../pipeline/inbound.js';
import type { SecretBox } from '../security/secret-box.js';
import type { ChannelConfig } from './adapter.js';
import { notSandbox } from '../db/live-channels.js';

/** What one poll found, and where the next poll starts. */
export interface PollResult {
  messages: InboundMessage[];
  /** Saved only after every message is committed; null forgets a key. */
  cursors: Record<string, string | null>;
}

/** A channel type whose provider is asked for news (feeds, review portals) instead of calling Parley. */
export interface PolledChannel {
  type: string;
  intervalMs(settings: Record<string, unknown>): number;
  poll(channel: ChannelConfig, cursors: Record<string, string>, allowPrivateNetworks: boolean): Promise<PollResult>;
}

const POLLED_AT = 'polledAt';
const LAST_ERROR = 'lastError';
/** Channels polled side by side; one slow provider must not hold up the rest for long. */
const PARALLEL = 4;

function configOf(row: ChannelRow, box: SecretBox): ChannelConfig {
  return { id: row.id, workspaceId: row.workspaceId, type: row.type, name: row.name, settings: row.settings, secrets: row.secrets ? box.open(row.secrets) : {} };
}

/**
 * Polls one channel now and stores what is new through the one ingestion path. Cursors move only
 * after the messages are committed, so a crash in between fetches them again (stored once: dedupe).
 * A failure is remembered on the channel and thrown.
 */
export async function pollChannel(db: Kysely<Database>, box: SecretBox, ingest: IngestBatcher, poller: PolledChannel, row: ChannelRow, allowPrivateNetworks: boolean): Promise<number> {
  if (row.disabledAt) throw new AppError('conflict', 'This channel is disabled and is not polled.');
  const cursors = await getCursors(db, row.id);
  const polledAt = new Date().toISOString();
  try {
    const result = await poller.poll(configOf(row, box), cursors, allowPrivateNetworks);
    let stored = 0;
    // One at a time, oldest first: replies in a thread are stored in the order they were written.
    for (const message of result.messages) if (!(await ingest.accept(row, message)).duplicate) stored++;
    await setCursors(db, row.id, { ...result.cursors, [POLLED_AT]: polledAt, [LAST_ERROR]: null });
    return stored;
  } catch (err) {
    // A failing provider is asked again at the channel's next interval, not at every tick.
    await setCursors(db, row.id, { [POLLED_AT]: polledAt, [LAST_ERROR]: (err instanceof Error ? err.message : String(err)).slice(0, 1000) });
    throw err;
  }
}

/**
 * The worker's loop body for every polled channel type: each enabled channel whose interval has
 * passed since its last poll (kept in its cursors, so restarts keep the rhythm) is polled; one
 * failing channel is reported and never stops the others.
 */
export function createChannelPoller(db: Kysely<Database>, box: SecretBox, ingest: IngestBatcher, pollers: PolledChannel[], options: { allowPrivateNetworks: boolean; onError: (err: unknown) => void }) {
  const byType = new Map(pollers.map((p) => [p.type, p]));
  return async function pollDueChannels(): Promise<number> {
    const rows = await db.selectFrom('channels').selectAll().where('type', 'in', [...byType.keys()]).where('disabledAt', 'is', null).where(notSandbox).execute();
    if (rows.length === 0) return 0;
    const polled = await db.selectFrom('channelCursors').select(['channelId', 'value']).where('key', '=', POLLED_AT).where('channelId', 'in', rows.map((r) => r.id)).execute();
    const lastPoll = new Map(polled.map((p) => [p.channelId, Date.parse(p.value)]));
    const due = rows.filter((r) => {
      const poller = byType.get(r.type);
      const last = lastPoll.get(r.id);
      return poller !== undefined && (last === undefined || Number.isNaN(last) || Date.now() - last >= poller.intervalMs(r.settings));
    });
    let stored = 0;
    for (let i = 0; i < due.length; i += PARALLEL) {
      const counts = await Promise.all(
        due.slice(i, i + PARALLEL).map((row) =>
          pollChannel(db, box, ingest, byType.get(row.type)!, row, options.allowPrivateNetworks).catch((err: unknown) => {
            options.onError(new Error(`polling ${row.type} channel ${row.id}: ${err instanceof Error ? err.message : String(err)}`));
            return 0;
          }),
        ),
      );
      stored += counts.reduce((a, b) => a + b, 0);
    }
    return stored;
  };
}
