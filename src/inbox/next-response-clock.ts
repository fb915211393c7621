import { sql } from 'kysely';
import type { Conversation, Db } from '../db/schema.js';
import { compileCalendar } from '../domain/business-hours.js';
import { tierOf } from '../domain/routing-types.js';
import { nextResponseDue } from '../domain/sla-due.js';

type Clocked = Pick<Conversation, 'id' | 'workspaceId' | 'channelId' | 'contactId' | 'priority' | 'tier' | 'firstResponseAt' | 'nextResponseDueAt' | 'nextResponsePausedAt'>;

/** A paused clock resumes with the time it had left: its due and warning times move by the pause. */
export const RESUMED = {
  nextResponseDueAt: sql<Date>`next_response_due_at + (now() - coalesce(next_response_paused_at, now()))`,
  nextResponseWarnAt: sql<Date>`next_response_warn_at + (now() - coalesce(next_response_paused_at, now()))`,
  nextResponsePausedAt: null,
};


/**
 * A customer's message after the team answered starts the next-response clock under the policy
 * that fits then (its own target, warning point and business hours). A clock already running keeps
 * its due time: it measures from the oldest unanswered message. A paused clock resumes with the
 * time it had left. Returns whether anything changed.
 */
export async function startNextResponse(trx: Db, c: Clocked, now: Date): Promise<boolean> {
  if (c.firstResponseAt === null) return false;
  if (c.nextResponsePausedAt !== null) {
    await trx.updateTable('conversations').set(RESUMED).where('id', '=', c.id).execute();
    return true;
  }
  if (c.nextResponseDueAt !== null) return false;
  const ws = await trx.selectFrom('workspaces').select(['slaPolicies', 'businessCalendar']).where('id', '=', c.workspaceId).executeTakeFirstOrThrow();
  if (ws.slaPolicies.length === 0) return false;
  const channel = await trx.selectFrom('channels').select('type').where('id', '=', c.channelId).executeTakeFirstOrThrow();
  const contact = await trx.selectFrom('contacts').select('tags').where('id', '=', c.contactId).executeTakeFirst();
  const due = nextResponseDue(ws.slaPolicies, compileCalendar(ws.businessCalendar), { priority: c.priority, channel: channel.type, tier: tierOf(c.tier), customerGroups: contact?.tags ?? [] }, now);
  if (!due) return false;
  await trx
    .updateTable('conversations')
    .set({ nextResponseDueAt: due.dueAt, nextResponseWarnAt: due.warnAt, nextResponseWarnedAt: null, nextResponseBreachedAt: null })
    .where('id', '=', c.id)
    .execute();
  return true;
}

/** Waiting on the customer (pending, snoozed) holds a running next-response clock still. */
export async function pauseNextResponse(trx: Db, conversationId: string): Promise<void> {
  await trx
    .updateTable('conversations')
    .set({ nextResponsePausedAt: sql<Date>`now()` })
    .where('id', '=', conversationId)
    .where('nextResponseDueAt', 'is not', null)
    .where('nextResponsePausedAt', 'is', null)
    .execute();
}
