import { cachedRules, runAutomation } from '../inbox/automation.js';
import type { InboundHook } from './hooks.js';

/**
 * Runs the automation rules on every customer message: `message.received`, and for a new
 * conversation `conversation.created` as well (a rule listening to both runs once). Inside the
 * accepting transaction, so the message and what the rules did are stored together.
 */
export function automationHook(): InboundHook {
  const rules = cachedRules();
  return async (trx, ctx) => {
    await runAutomation(trx, ctx.conversation.workspaceId, ctx.conversation.id, ctx.conversationCreated ? ['conversation.created', 'message.received'] : ['message.received'], 'customer', {
      text: ctx.message.text,
      language: ctx.message.language,
      sentiment: ctx.message.sentiment,
      category: ctx.message.category,
      urgent: ctx.message.urgent,
    }, rules);
  };
}
