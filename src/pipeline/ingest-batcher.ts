import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { findMessagesByExternalIds } from '../db/messages.js';
import { AppError } from '../domain/errors.js';
import { type Accepted, acceptInbound, type InboundChannel, storeInbound } from './accept-inbound.js';
import type { InboundHook, InboundRouter } from './hooks.js';
import type { InboundMessage } from './inbound.js';
import type { Understand } from './understanding.js';

interface Pending {
  channel: InboundChannel;
  msg: InboundMessage;
  resolve(a: Accepted): void;
  reject(e: unknown): void;
}

export interface IngestBatcher {
  accept(channel: InboundChannel, msg: InboundMessage): Promise<Accepted>;
  close(): Promise<void>;
}

/**
 * Group commit for inbound messages. Messages that arrive while a lane is writing are stored
 * together in its next transaction, so a burst costs one disk flush per batch instead of one
 * per message. Each caller still hears back only after its message is committed. A sender
 * always uses the same lane, so lanes do not wait on each other's contact rows. If a batch
 * fails, its messages are stored one by one, so one bad message never takes others down.
 */
export function createIngestBatcher(db: Kysely<Database>, hooks: InboundHook[], options: { lanes?: number; maxBatch?: number; understand?: Understand; route?: InboundRouter } = {}): IngestBatcher {
  const laneCount = options.lanes ?? 4;
  const maxBatch = options.maxBatch ?? 100;
  const lanes = Array.from({ length: laneCount }, () => ({ queue: [] as Pending[], busy: null as Promise<void> | null }));
  let closed = false;

  function laneOf(channelId: string, senderId: string): (typeof lanes)[number] {
    const h = createHash('sha1').update(channelId).update('\0').update(senderId).digest();
    return lanes[h.readUInt32BE(0) % laneCount] ?? lanes[0]!;
  }

  async function one(p: Pending): Promise<void> {
    try {
      p.resolve(await acceptInbound(db, p.channel, p.msg, hooks, options.understand, options.route));
    } catch (err) {
      p.reject(err);
    }
  }

  async function writeBatch(batch: Pending[]): Promise<void> {
    if (batch.length === 1) return one(batch[0]!);
    // The same message twice in one batch: store it once, answer the rest as duplicates.
    const firsts = new Map<string, Pending>();
    const repeats: Pending[] = [];
    for (const p of batch) {
      const key = `${p.channel.id}\0${p.msg.externalId}`;
      if (firsts.has(key)) repeats.push(p);
      else firsts.set(key, p);
    }
    const unique = [...firsts.values()];
    const known = await findMessagesByExternalIds(db, unique.map((p) => ({ channelId: p.channel.id, externalId: p.msg.externalId })));
    const results = new Map<string, Accepted>();
    for (const k of known) results.set(`${k.channelId}\0${k.externalId}`, { messageId: k.id, conversationId: k.conversationId, duplicate: true });
    const fresh = unique.filter((p) => !results.has(`${p.channel.id}\0${p.msg.externalId}`));
    try {
      const stored = fresh.length === 0 ? [] : await db.transaction().execute((trx) => storeInbound(trx, fresh, hooks, options.understand, options.route));
      for (const [i, p] of fresh.entries()) {
        const r = stored[i];
        if (r) results.set(`${p.channel.id}\0${p.msg.externalId}`, r);
      }
    } catch {
      await Promise.all(fresh.map(one));
      for (const p of fresh) results.delete(`${p.channel.id}\0${p.msg.externalId}`);
      await Promise.all(repeats.map(one));
      for (const p of unique) {
        const r = results.get(`${p.channel.id}\0${p.msg.externalId}`);
        if (r) p.resolve(r);
      }
      return;
    }
    for (const p of unique) {
      const r = results.get(`${p.channel.id}\0${p.msg.externalId}`);
      if (r) p.resolve(r);
    }
    for (const p of repeats) {
      const r = results.get(`${p.channel.id}\0${p.msg.externalId}`);
      if (r) p.resolve({ ...r, duplicate: true });
    }
  }

  function drain(lane: (typeof lanes)[number]): void {
    if (lane.busy || lane.queue.length === 0) return;
    const batch = lane.queue.splice(0, maxBatch);
    lane.busy = writeBatch(batch)
      .catch((err: unknown) => {
        for (const p of batch) p.reject(err);
      })
      .finally(() => {
        lane.busy = null;
        drain(lane);
      });
  }

  return {
    accept(channel, msg) {
      if (closed) return Promise.reject(new AppError('unavailable', 'Parley is shutting down; deliver the message again shortly.'));
      if (channel.disabledAt) return Promise.reject(new AppError('conflict', 'This channel is disabled and accepts no messages.'));
      return new Promise<Accepted>((resolve, reject) => {
        const lane = laneOf(channel.id, msg.from.id);
        lane.queue.push({ channel, msg, resolve, reject });
        drain(lane);
      });
    },
    async close() {
      closed = true;
      while (lanes.some((l) => l.busy || l.queue.length > 0)) {
        await Promise.all(lanes.map((l) => l.busy));
        for (const l of lanes) drain(l);
      }
    },
  };
}
