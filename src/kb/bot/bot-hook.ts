import { isOpen } from '../../domain/business-hours.js';
import type { InboundHook } from '../../pipeline/hooks.js';
import { BOT_CHANNEL_TYPES } from './bot-settings.js';

/**
 * Claims an inbound message for the first-level bot, inside the accepting transaction: on a
 * channel where the bot works (and at this hour), in a private conversation nobody has answered
 * yet or that the bot still handles. The claim keeps routing away until the bot has decided,
 * after the commit (bot-worker.ts); the hook itself never writes to the customer.
 */
export function botHook(): InboundHook {
  return async (trx, ctx) => {
    const { message, conversation, channel } = ctx;
    if (message.direction !== 'inbound' || conversation.visibility !== 'private') return;
    if (!(BOT_CHANNEL_TYPES as readonly string[]).includes(channel.type)) return;
    const settings = await trx.selectFrom('kbBotChannels').select(['enabled', 'hours']).where('channelId', '=', channel.id).executeTakeFirst();
    if (!settings?.enabled) return;
    const state = await trx.selectFrom('kbBotConversations').select('state').where('conversationId', '=', conversation.id).forUpdate().executeTakeFirst();
    if (state?.state === 'handed_over') return;
    if (!state) {
      if (conversation.firstResponseAt !== null) return;
      if (settings.hours === 'outside') {
        const ws = await trx.selectFrom('workspaces').select('businessCalendar').where('id', '=', conversation.workspaceId).executeTakeFirstOrThrow();
        if (ws.businessCalendar.slots.length === 0 || isOpen(ws.businessCalendar, new Date())) return;
      }
    }
    await trx
      .insertInto('kbBotConversations')
      .values({ conversationId: conversation.id, workspaceId: conversation.workspaceId, channelId: channel.id, state: 'new', pendingMessageId: message.id })
      .onConflict((oc) => oc.column('conversationId').doUpdateSet({ pendingMessageId: message.id }))
      .execute();
    return;
  };
}
