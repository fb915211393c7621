import { setSlaClocks } from '../inbox/sla-clocks.js';
import type { InboundHook } from './hooks.js';

/** Starts the service-level clocks when a conversation begins or a resolved one reopens. */
export const slaHook: InboundHook = async (trx, ctx) => {
  const reopening = !ctx.conversationCreated && ctx.conversation.status === 'resolved';
  if (!ctx.conversationCreated && !reopening) return false;
  return setSlaClocks(trx, ctx.conversation, new Date());
};
