import type { Kysely } from 'kysely';
import { claimForPublishing, prunePublished } from '../db/outbox.js';
import type { Database } from '../db/schema.js';
import { startWakeLoop, type WakeLoop } from '../runtime/wake-loop.js';
import type { BusEvent, EventBus } from './event-bus.js';

export type OutboxDispatcher = WakeLoop;

// Small enough that PostgreSQL walks the pending index in order and stops early: a larger limit
// makes it prefer a bitmap scan, which visits every published row still awaiting vacuum on each
// claim and never marks their index entries dead, so claims grow slower as the table grows.
const BATCH = 100;

/**
 * Moves committed outbox rows onto the bus, oldest first. A row is marked published only after
 * the bus took it, so a crash in between republishes it (at least once) and nothing is lost:
 * rows left over from a killed process go out when the next one starts.
 */
export function startOutboxDispatcher(
  db: Kysely<Database>,
  bus: EventBus,
  options: { pollMs?: number; onError?: (err: unknown) => void } = {},
): OutboxDispatcher {
  let lastPrune = 0;

  async function drainOnce(): Promise<number> {
    return db.transaction().execute(async (trx) => {
      const rows = await claimForPublishing(trx, BATCH);
      if (rows.length === 0) return 0;
      const events: BusEvent[] = rows.map((r) => ({
        id: r.id,
        type: r.type,
        workspaceId: r.workspaceId,
        data: r.data,
        createdAt: r.createdAt.toISOString(),
      }));
      await bus.publish(events);
      return rows.length;
    });
  }

  return startWakeLoop(
    async (stopped) => {
      while (!stopped() && (await drainOnce()) === BATCH);
      if (Date.now() - lastPrune > 3600_000) {
        lastPrune = Date.now();
        await prunePublished(db);
      }
    },
    options.pollMs ?? 500,
    options.onError ?? (() => {}),
  );
}
