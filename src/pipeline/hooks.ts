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
 * written: classification and routing plug in here and may update the conversation.
 */
export type InboundHook = (trx: Db, ctx: InboundContext) => Promise<void>;
