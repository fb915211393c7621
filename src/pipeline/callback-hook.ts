import type { InboundHook } from './hooks.js';

/**
 * A message that asks for a callback becomes a callback task in the same transaction, so the
 * request and its task are stored together or not at all; a repeated delivery adds nothing.
 */
export function callbackHook(): InboundHook {
  return async (trx, ctx) => {
    const request = ctx.message.meta.callback;
    if (!request || !ctx.message.contactId) return;
    await trx
      .insertInto('callbacks')
      .values({
        workspaceId: ctx.conversation.workspaceId,
        conversationId: ctx.conversation.id,
        contactId: ctx.message.contactId,
        messageId: ctx.message.id,
        phone: request.phone,
        note: request.note,
        dueAt: request.dueAt,
      })
      .onConflict((oc) => oc.column('messageId').doNothing())
      .execute();
  };
}
