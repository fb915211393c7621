import { sql, type Kysely } from 'kysely';
import { getConversation } from '../db/conversations.js';
import { recordHistory, SYSTEM } from '../db/history.js';
import { enqueueEvents } from '../db/outbox.js';
import type { Database } from '../db/schema.js';
import { DEFAULT_WARN_RATIO } from '../domain/sla-policy.js';

/**
 * Callbacks are promises with a due time, counted like the service-level clocks: at 80 % of the time
 * between the request and the due time the conversation's history warns; once overdue the callback
 * is marked, the conversation's priority rises to at least high, and its assignee (or, without one,
 * everyone) is told on the live stream. Each once per callback; runs in the worker.
 */
export async function escalateCallbacks(db: Kysely<Database>): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const warned = await trx
      .updateTable('callbacks')
      .set({ warnedAt: sql<Date>`now()` })
      .where('status', '=', 'open')
      .where('warnedAt', 'is', null)
      .where('overdueAt', 'is', null)
      .where(sql<boolean>`created_at + (due_at - created_at) * ${DEFAULT_WARN_RATIO} <= now()`)
      .returning(['id', 'workspaceId', 'conversationId', 'dueAt'])
      .execute();
    for (const cb of warned) await recordHistory(trx, cb.workspaceId, cb.conversationId, SYSTEM, 'sla.warning', { target: 'callback', callbackId: cb.id, dueAt: cb.dueAt.toISOString() });
    const overdue = await trx
      .updateTable('callbacks')
      .set({ overdueAt: sql<Date>`now()`, warnedAt: sql<Date>`coalesce(warned_at, now())` })
      .where('status', '=', 'open')
      .where('overdueAt', 'is', null)
      .where('dueAt', '<=', sql<Date>`now()`)
      .returning(['id', 'workspaceId', 'conversationId', 'dueAt', 'phone'])
      .execute();
    for (const cb of overdue) {
      const raised = await trx
        .updateTable('conversations')
        .set({ priority: sql<'high'>`CASE WHEN priority IN ('low', 'normal') THEN 'high' ELSE priority END`, updatedAt: sql<Date>`now()` })
        .where('id', '=', cb.conversationId)
        .returning('assigneeId')
        .executeTakeFirst();
      await recordHistory(trx, cb.workspaceId, cb.conversationId, SYSTEM, 'sla.breached', { target: 'callback', callbackId: cb.id, dueAt: cb.dueAt.toISOString(), priorityRaisedTo: 'high' });
      const dto = await getConversation(trx, cb.workspaceId, cb.conversationId);
      await enqueueEvents(trx, [
        { type: 'notification', workspaceId: cb.workspaceId, data: { kind: 'callback.overdue', userIds: raised?.assigneeId ? [raised.assigneeId] : [], conversationId: cb.conversationId, callbackId: cb.id, phone: cb.phone, dueAt: cb.dueAt.toISOString() } },
        { type: 'conversation.updated', workspaceId: cb.workspaceId, data: { ...dto } },
      ]);
    }
    return warned.length + overdue.length;
  });
}
