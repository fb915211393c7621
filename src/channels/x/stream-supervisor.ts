import type { Kysely } from 'kysely';
import type { Database, ChannelRow } from '../../db/schema.js';
import type { InboundMessage } from '../../pipeline/inbound.js';
import { startWakeLoop, type WakeLoop } from '../../runtime/wake-loop.js';
import type { SecretBox } from '../../security/secret-box.js';
import { XSettings } from './adapter.js';
import { ruleTag, runFilteredStream, streamRule, type WantedRule } from './stream.js';
import { notSandbox } from '../../db/live-channels.js';

interface Running {
  signature: string;
  controller: AbortController;
  done: Promise<void>;
  /** The channels the group's posts are for, by rule tag; refreshed on every check. */
  channels: Map<string, ChannelRow>;
}

/**
 * Keeps a filtered stream running for every X app that enabled X channels with a bearer token
 * use, and stores each post on the channels whose rules it matched. Checked every `pollMs`, so
 * a new, changed or disabled channel is picked up within that time.
 */
export function startXStreams(
  db: Kysely<Database>,
  box: SecretBox,
  accept: (channel: ChannelRow, msg: InboundMessage) => Promise<void>,
  options: { allowPrivateNetworks: boolean; onError: (err: unknown) => void; pollMs?: number },
): WakeLoop {
  const running = new Map<string, Running>();

  async function check(): Promise<void> {
    const rows = await db.selectFrom('channels').selectAll().where('type', '=', 'x').where('disabledAt', 'is', null).where(notSandbox).execute();
    const groups = new Map<string, { apiBaseUrl: string; token: string; rules: WantedRule[]; channels: Map<string, ChannelRow> }>();
    for (const row of rows) {
      const settings = XSettings.safeParse(row.settings);
      const token = row.secrets ? box.open(row.secrets).bearerToken : undefined;
      if (!settings.success || !token) continue;
      const key = `${settings.data.apiBaseUrl}\0${token}`;
      const group = groups.get(key) ?? { apiBaseUrl: settings.data.apiBaseUrl, token, rules: [] as WantedRule[], channels: new Map<string, ChannelRow>() };
      group.rules.push({ tag: ruleTag(row.id), value: streamRule(settings.data) });
      group.channels.set(ruleTag(row.id), row);
      groups.set(key, group);
    }
    for (const [key, r] of running) {
      const wanted = groups.get(key);
      if (wanted && JSON.stringify(wanted.rules) === r.signature) continue;
      r.controller.abort();
      await r.done;
      running.delete(key);
    }
    for (const [key, group] of groups) {
      const current = running.get(key);
      if (current) {
        current.channels = group.channels;
        continue;
      }
      const controller = new AbortController();
      const entry: Running = { signature: JSON.stringify(group.rules), controller, channels: group.channels, done: Promise.resolve() };
      const target = { apiBaseUrl: group.apiBaseUrl, token: group.token, allowPrivateNetworks: options.allowPrivateNetworks };
      entry.done = runFilteredStream({ target, rules: group.rules }, controller.signal, async (post) => {
        for (const tag of post.tags) {
          const channel = entry.channels.get(tag);
          if (channel) await accept(channel, post.message).catch(options.onError);
        }
      }, options.onError);
      running.set(key, entry);
    }
  }

  const loop = startWakeLoop(check, options.pollMs ?? 5_000, options.onError);
  return {
    wake: loop.wake,
    async stop() {
      await loop.stop();
      for (const r of running.values()) r.controller.abort();
      await Promise.all([...running.values()].map((r) => r.done));
      running.clear();
    },
  };
}
