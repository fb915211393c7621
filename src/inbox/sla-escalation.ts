import { sql, type Kysely } from 'kysely';
import { getConversation } from '../db/conversations.js';
import { recordHistory, SYSTEM } from '../db/history.js';
import { enqueueEvents } from '../db/outbox.js';
import type { Database } from '../db/schema.js';

/**
 * Warns before a service level runs out and escalates when it has: the conversation's priority
 * rises to at least high, the history says why, and every screen hears of it. Runs in the worker.
 */
export async function escalateServiceLevels(db: Kysely<Database>): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const warned = await trx
      .updateTable('conversations')
      .set({ slaWarnedAt: sql<Date>`now()`, updatedAt: sql<Date>`now()` })
      .where('firstResponseAt', 'is', null)
      .where('slaWarnedAt', 'is', null)
      .where('slaBreachedAt', 'is', null)
      .where('firstResponseDueAt', 'is not', null)
      .where('firstResponseWarnAt', '<=', sql<Date>`now()`)
      .where('status', 'in', ['open', 'pending'])
      .returning(['id', 'workspaceId', 'firstResponseDueAt'])
      .execute();
    for (const c of warned) {
      await recordHistory(trx, c.workspaceId, c.id, SYSTEM, 'sla.warning', { firstResponseDueAt: c.firstResponseDueAt?.toISOString() ?? null });
    }
    const breached = await trx
      .updateTable('conversations')
      .set({
        slaBreachedAt: sql<Date>`now()`,
        priority: sql<'high'>`CASE WHEN priority IN ('low', 'normal') THEN 'high' ELSE priority END`,
        updatedAt: sql<Date>`now()`,
      })
      .where('slaBreachedAt', 'is', null)
      .where('status', 'in', ['open', 'pending'])
      .where((eb) =>
        eb.or([
          eb.and([eb('firstResponseAt', 'is', null), eb('firstResponseDueAt', '<=', sql<Date>`now()`)]),
          eb('resolutionDueAt', '<=', sql<Date>`now()`),
        ]),
      )
      .returning(['id', 'workspaceId', 'firstResponseAt'])
      .execute();
    for (const c of breached) {
      await recordHistory(trx, c.workspaceId, c.id, SYSTEM, 'sla.breached', { target: c.firstResponseAt ? 'resolution' : 'firstResponse', priorityRaisedTo: 'high' });
    }
    // The next-response clock has its own warning and breach, and stands still while paused.
    const nextWarned = await trx
      .updateTable('conversations')
      .set({ nextResponseWarnedAt: sql<Date>`now()`, updatedAt: sql<Date>`now()` })
      .where('nextResponseDueAt', 'is not', null)
      .where('nextResponseBreachedAt', 'is', null)
      .where('nextResponseWarnedAt', 'is', null)
      .where('nextResponsePausedAt', 'is', null)
      .where('nextResponseWarnAt', '<=', sql<Date>`now()`)
      .where('status', '=', 'open')
      .returning(['id', 'workspaceId', 'nextResponseDueAt'])
      .execute();
    for (const c of nextWarned) {
      await recordHistory(trx, c.workspaceId, c.id, SYSTEM, 'sla.warning', { target: 'nextResponse', nextResponseDueAt: c.nextResponseDueAt?.toISOString() ?? null });
    }
    const nextBreached = await trx
      .updateTable('conversations')
      .set({
        nextResponseBreachedAt: sql<Date>`now()`,
        priority: sql<'high'>`CASE WHEN priority IN ('low', 'normal') THEN 'high' ELSE priority END`,
        updatedAt: sql<Date>`now()`,
      })
      .where('nextResponseDueAt', '<=', sql<Date>`now()`)
      .where('nextResponseBreachedAt', 'is', null)
      .where('nextResponsePausedAt', 'is', null)
      .where('status', '=', 'open')
      .returning(['id', 'workspaceId'])
      .execute();
    for (const c of nextBreached) {
      await recordHistory(trx, c.workspaceId, c.id, SYSTEM, 'sla.breached', { target: 'nextResponse', priorityRaisedTo: 'high' });
    }
    const touched = new Map([...warned, ...breached, ...nextWarned, ...nextBreached].map((c) => [c.id, c.workspaceId]));
    for (const [id, workspaceId] of touched) {
      await enqueueEvents(trx, [{ type: 'conversation.updated', workspaceId, data: { ...(await getConversation(trx, workspaceId, id)) } }]);
    }
    return touched.size;
  });
}
