import { startNextResponse } from '../inbox/next-response-clock.js';
import type { InboundHook } from './hooks.js';

/** Starts (or resumes) the next-response clock when a customer writes again after the team answered. */
export function nextResponseHook(): InboundHook {
  return async (trx, ctx) => {
    if (!ctx.conversationCreated) await startNextResponse(trx, ctx.conversation, new Date());
  };
}
