import type { Conversation, Db } from '../db/schema.js';
import { compileCalendar } from '../domain/business-hours.js';
import { tierOf } from '../domain/routing-types.js';
import { dueTimes } from '../domain/sla-due.js';


/**
 * Sets a conversation's service-level clocks from `since` under the policy that fits it now:
 * its priority, channel, tier and the customer's groups (contact tags). Returns whether a
 * policy applied.
 */
export async function setSlaClocks(trx: Db, c: Pick<Conversation, 'id' | 'workspaceId' | 'channelId' | 'contactId' | 'priority' | 'tier' | 'firstResponseAt'>, since: Date): Promise<boolean> {
  const ws = await trx.selectFrom('workspaces').select(['slaPolicies', 'businessCalendar']).where('id', '=', c.workspaceId).executeTakeFirstOrThrow();
  if (ws.slaPolicies.length === 0) return false;
  const channel = await trx.selectFrom('channels').select('type').where('id', '=', c.channelId).executeTakeFirstOrThrow();
  const contact = await trx.selectFrom('contacts').select('tags').where('id', '=', c.contactId).executeTakeFirst();
  const due = dueTimes(ws.slaPolicies, compileCalendar(ws.businessCalendar), { priority: c.priority, channel: channel.type, tier: tierOf(c.tier), customerGroups: contact?.tags ?? [] }, since);
  if (!due) return false;
  const answered = c.firstResponseAt !== null;
  await trx
    .updateTable('conversations')
    .set({
      slaPolicyId: due.policyId,
      ...(!answered && { firstResponseDueAt: due.firstResponseDueAt, firstResponseWarnAt: due.firstResponseWarnAt }),
      resolutionDueAt: due.resolutionDueAt,
      slaWarnedAt: null,
      slaBreachedAt: null,
    })
    .where('id', '=', c.id)
    .execute();
  return true;
}
