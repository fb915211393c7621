import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema.js';
import type { IngestBatcher } from '../../pipeline/ingest-batcher.js';
import type { SecretBox } from '../../security/secret-box.js';
import { callTelegram, Settings } from './adapter.js';
import { messageFromUpdate, TelegramUpdate } from './payload.js';
import { notSandbox } from '../../db/live-channels.js';

/** Updates asked for per call; Telegram's own maximum. */
const BATCH = 100;

/**
 * The fallback for bots Telegram cannot reach by webhook: fetch new updates with getUpdates and
 * store them. An update is confirmed (the next offset) only after its message is committed, and
 * one fetched again after a restart is a duplicate that is stored once.
 */
export function createTelegramPoller(db: Kysely<Database>, box: SecretBox, ingest: IngestBatcher, allowPrivateNetworks: boolean) {
  const offsets = new Map<string, number>();
  return async function pollTelegram(): Promise<number> {
    const channels = await db.selectFrom('channels').selectAll().where('type', '=', 'telegram').where('disabledAt', 'is', null).where(notSandbox).execute();
    let stored = 0;
    for (const channel of channels) {
      if (Settings.parse(channel.settings).mode !== 'polling') continue;
      const config = { settings: channel.settings, secrets: channel.secrets ? box.open(channel.secrets) : {} };
      const offset = offsets.get(channel.id);
      const result = await callTelegram(config, 'getUpdates', { ...(offset !== undefined && { offset }), limit: BATCH, timeout: 0, allowed_updates: ['message'] }, allowPrivateNetworks);
      const updates = z.array(TelegramUpdate).parse(result);
      for (const update of updates) {
        const message = messageFromUpdate(update);
        if (message && !(await ingest.accept(channel, message)).duplicate) stored++;
        offsets.set(channel.id, update.update_id + 1);
      }
    }
    return stored;
  };
}
