import type { Conversation, Db } from '../db/schema.js';
import { compileCalendar, type CompiledCalendar } from '../domain/business-hours.js';
import { tierOf } from '../domain/routing-types.js';
import { nextResponseDue, resumedNextResponse } from '../domain/sla-due.js';
import type { SlaPolicy, SlaSubject } from '../domain/sla-policy.js';

export type Clocked = Pick<
  Conversation,
  'id' | 'workspaceId' | 'channelId' | 'contactId' | 'priority' | 'tier' | 'firstResponseAt' | 'nextResponseDueAt' | 'nextResponseWarnAt' | 'nextResponsePausedAt'
>;

interface Terms {
  policies: SlaPolicy[];
  calendar: CompiledCalendar;
  subject: SlaSubject;
}

/** The workspace's policies and calendar, and what a policy is matched on for this conversation. */
async function serviceTerms(trx: Db, c: Clocked): Promise<Terms> {
  const ws = await trx.selectFrom('workspaces').select(['slaPolicies', 'businessCalendar']).where('id', '=', c.workspaceId).executeTakeFirstOrThrow();
  const subject = { priority: c.priority, channel: '', tier: tierOf(c.tier), customerGroups: [] };
  // Without policies nothing is matched on the channel or the customer: a workspace without
  // service levels costs one look per message.
  if (ws.slaPolicies.length === 0) return { policies: [], calendar: compileCalendar(ws.businessCalendar), subject };
  const channel = await trx.selectFrom('channels').select('type').where('workspaceId', '=', c.workspaceId).where('id', '=', c.channelId).executeTakeFirstOrThrow();
  const contact = await trx.selectFrom('contacts').select('tags').where('workspaceId', '=', c.workspaceId).where('id', '=', c.contactId).executeTakeFirst();
  return {
    policies: ws.slaPolicies,
    calendar: compileCalendar(ws.businessCalendar),
    subject: { ...subject, channel: channel.type, customerGroups: contact?.tags ?? [] },
  };
}

/**
 * A customer's message after the team answered starts the next-response clock under the policy
 * that fits then (its own target, warning point and business hours). A clock already running keeps
 * its due time: it measures from the oldest unanswered message. A paused clock resumes with the
 * time it had left. Returns whether anything changed.
 */
export async function startNextResponse(trx: Db, c: Clocked, now: Date): Promise<boolean> {
  if (c.firstResponseAt === null) return false;
  if (c.nextResponsePausedAt !== null) {
    await resumeNextResponse(trx, c, now);
    return true;
  }
  if (c.nextResponseDueAt !== null) return false;
  const terms = await serviceTerms(trx, c);
  if (terms.policies.length === 0) return false;
  const due = nextResponseDue(terms.policies, terms.calendar, terms.subject, now);
  if (!due) return false;
  await trx
    .updateTable('conversations')
    .set({ nextResponseDueAt: due.dueAt, nextResponseWarnAt: due.warnAt, nextResponseWarnedAt: null, nextResponseBreachedAt: null })
    .where('workspaceId', '=', c.workspaceId)
    .where('id', '=', c.id)
    .execute();
  return true;
}

/**
 * The customer answered (or the conversation was opened again): a paused clock runs on with the time
 * it had left at the pause, in business time under a business-hours policy.
 */
export async function resumeNextResponse(trx: Db, c: Clocked, now: Date): Promise<void> {
  if (c.nextResponsePausedAt === null) return;
  const clock = c.nextResponseDueAt && { dueAt: c.nextResponseDueAt, warnAt: c.nextResponseWarnAt, pausedAt: c.nextResponsePausedAt };
  const terms = clock && (await serviceTerms(trx, c));
  const moved = clock && terms ? resumedNextResponse(terms.policies, terms.calendar, terms.subject, clock, now) : null;
  await trx
    .updateTable('conversations')
    .set({ ...(moved && { nextResponseDueAt: moved.dueAt, nextResponseWarnAt: moved.warnAt }), nextResponsePausedAt: null })
    .where('workspaceId', '=', c.workspaceId)
    .where('id', '=', c.id)
    .execute();
}

/** Waiting on the customer (pending, snoozed) holds a running next-response clock still. */
export async function pauseNextResponse(trx: Db, c: Pick<Conversation, 'id' | 'workspaceId'>, now: Date): Promise<void> {
  await trx
    .updateTable('conversations')
    .set({ nextResponsePausedAt: now })
    .where('workspaceId', '=', c.workspaceId)
    .where('id', '=', c.id)
    .where('nextResponseDueAt', 'is not', null)
    .where('nextResponsePausedAt', 'is', null)
    .execute();
}
