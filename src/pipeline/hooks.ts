import type { EventInput } from '../db/outbox.js';
import type { Conversation, Db, Message } from '../db/schema.js';

export interface InboundContext {
  channel: { id: string; workspaceId: string; type: string };
  contactId: string;
  conversation: Conversation;
  message: Message;
  conversationCreated: boolean;
}

/**
 * Runs inside the accepting transaction, after the message is stored and before the conversation's
 * activity and the events are written: service levels, rules and listening plug in here. The
 * events carry the conversation as the hooks left it.
 */
export type InboundHook = (trx: Db, ctx: InboundContext) => Promise<void>;

/**
 * Runs once per workspace a batch wrote to, inside the accepting transaction after the
 * conversations are stored: assignment plugs in here (`assignRound`), so a message is stored and
 * handed to an agent in one commit. Returns the events announcing what it did, written after the
 * batch's own.
 */
export type InboundRouter = (trx: Db, workspaceId: string) => Promise<EventInput[]>;
