import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { type CompiledCalendar, compileCalendar } from '../domain/business-hours.js';
import type { Tier } from '../domain/routing-types.js';
import { dueTimes } from '../domain/sla-due.js';
import type { SlaPolicy } from '../domain/sla-policy.js';
import { TtlCache } from '../runtime/ttl-cache.js';
import type { InboundHook } from './hooks.js';

interface SlaSettings {
  policies: SlaPolicy[];
  calendar: CompiledCalendar;
}

export interface SlaClocks {
  hook: InboundHook;
  /** Forget cached policies after an admin changed them. */
  refresh(): void;
}

/**
 * Starts the service-level clocks when a conversation begins or reopens: the policy that fits
 * its priority, channel, tier and the customer's groups (contact tags) sets the due times.
 */
export function slaClocks(db: Kysely<Database>): SlaClocks {
  const cache = new TtlCache<SlaSettings>(60_000, 1_000);
  const settings = (workspaceId: string) =>
    cache.get(workspaceId, async () => {
      const ws = await db.selectFrom('workspaces').select(['slaPolicies', 'businessCalendar']).where('id', '=', workspaceId).executeTakeFirstOrThrow();
      return { policies: ws.slaPolicies, calendar: compileCalendar(ws.businessCalendar) };
    });
  return {
    refresh: () => cache.clear(),
    hook: async (trx, ctx) => {
      const c = ctx.conversation;
      const reopening = !ctx.conversationCreated && c.status === 'resolved';
      if (!ctx.conversationCreated && !reopening) return false;
      const { policies, calendar } = await settings(c.workspaceId);
      if (policies.length === 0) return false;
      const contact = await trx.selectFrom('contacts').select('tags').where('id', '=', ctx.contactId).executeTakeFirst();
      const due = dueTimes(policies, calendar, { priority: c.priority, channel: ctx.channel.type, tier: asTier(c.tier), customerGroups: contact?.tags ?? [] }, new Date());
      if (!due) return false;
      const answered = c.firstResponseAt !== null && reopening;
      await trx
        .updateTable('conversations')
        .set({
          slaPolicyId: due.policyId,
          firstResponseDueAt: answered ? c.firstResponseDueAt : due.firstResponseDueAt,
          firstResponseWarnAt: answered ? c.firstResponseWarnAt : due.firstResponseWarnAt,
          resolutionDueAt: due.resolutionDueAt,
          slaWarnedAt: null,
          slaBreachedAt: null,
        })
        .where('id', '=', c.id)
        .execute();
      return true;
    },
  };
}

function asTier(tier: number): Tier {
  return tier === 3 ? 3 : tier === 2 ? 2 : 1;
}
