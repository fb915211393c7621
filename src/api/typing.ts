import { randomUUID } from 'node:crypto';
import type { EventBus } from '../bus/event-bus.js';

/** Typing is a moment, not a record: it goes straight to the live screens, never to the outbox. */
export async function publishTyping(bus: EventBus, workspaceId: string, conversationId: string, who: 'agent' | 'contact', typing: boolean): Promise<void> {
  await bus.publish([{ id: randomUUID(), type: 'conversation.typing', workspaceId, data: { conversationId, who, typing }, createdAt: new Date().toISOString() }]);
}
