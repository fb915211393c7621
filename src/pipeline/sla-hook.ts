import { setSlaClocks } from '../inbox/sla-clocks.js';
import { TtlCache } from '../runtime/ttl-cache.js';
import type { InboundHook } from './hooks.js';

/**
 * Starts the service-level clocks when a conversation begins or a resolved one reopens.
 * Whether a workspace has policies at all is remembered for ten seconds, so workspaces
 * without service levels cost nothing per message.
 */
export function slaHook(): InboundHook {
  const hasPolicies = new TtlCache<boolean>(10_000, 10_000);
  return async (trx, ctx) => {
    const reopening = !ctx.conversationCreated && ctx.conversation.status === 'resolved';
    if (!ctx.conversationCreated && !reopening) return;
    const workspaceId = ctx.conversation.workspaceId;
    const any = await hasPolicies.get(workspaceId, async () => {
      const ws = await trx.selectFrom('workspaces').select('slaPolicies').where('id', '=', workspaceId).executeTakeFirstOrThrow();
      return ws.slaPolicies.length > 0;
    });
    if (any) await setSlaClocks(trx, ctx.conversation, new Date());
  };
}
