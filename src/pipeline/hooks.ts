import type { Conversation, Db, Message } from '../db/schema.js';

export interface InboundContext {
  channel: { id: string; workspaceId: string; type: string };
  contactId: string;
  conversation: Conversation;
  message: Message;
  conversationCreated: boolean;
}

/**
 * Runs inside the accepting transaction, after the message is stored and before the events are
 * written: service levels and routing plug in here. A hook that changed the conversation says
 * so (true), and the event carries the conversation as it is then.
 */
export type InboundHook = (trx: Db, ctx: InboundContext) => Promise<boolean>;
