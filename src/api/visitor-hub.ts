import type { WebSocket } from 'ws';
import type { BusEvent } from '../bus/event-bus.js';
import type { AttachmentMeta } from '../db/schema.js';

function isAttachmentMeta(value: unknown): value is AttachmentMeta {
  return typeof value === 'object' && value !== null && 'id' in value && typeof value.id === 'string' && 'filename' in value && typeof value.filename === 'string' && 'size' in value && typeof value.size === 'number';
}

/** What a visitor's widget may see of a message: never notes, never who else is in the workspace. */
export interface VisitorMessage {
  id: string;
  direction: 'inbound' | 'outbound';
  text: string;
  createdAt: string;
  files: { id: string; filename: string; size: number }[];
}

export function visitorMessage(m: { id: string; direction: string; text: string; createdAt: string; attachments: AttachmentMeta[] }): VisitorMessage | null {
  if (m.direction !== 'inbound' && m.direction !== 'outbound') return null;
  return { id: m.id, direction: m.direction, text: m.text, createdAt: m.createdAt, files: m.attachments.map((a) => ({ id: a.id, filename: a.filename, size: a.size })) };
}

/**
 * Fans replies and typing out to the widgets of the visitors whose conversations they belong
 * to. Each API process routes to its own sockets; the bus brings every event to every process.
 */
export function createVisitorHub(options: { onShown(messageId: string): void }) {
  const byConversation = new Map<string, Set<WebSocket>>();
  const bySocket = new Map<WebSocket, Set<string>>();

  function send(socket: WebSocket, frame: string): boolean {
    if (socket.readyState !== socket.OPEN) return false;
    socket.send(frame);
    return true;
  }

  return {
    add(socket: WebSocket, conversationIds: string[]): void {
      bySocket.set(socket, new Set());
      for (const id of conversationIds) this.watch(socket, id);
      socket.on('close', () => {
        for (const id of bySocket.get(socket) ?? []) {
          const set = byConversation.get(id);
          set?.delete(socket);
          if (set?.size === 0) byConversation.delete(id);
        }
        bySocket.delete(socket);
      });
    },
    watch(socket: WebSocket, conversationId: string): void {
      const watched = bySocket.get(socket);
      if (!watched) return;
      watched.add(conversationId);
      const set = byConversation.get(conversationId) ?? new Set<WebSocket>();
      set.add(socket);
      byConversation.set(conversationId, set);
    },
    publish(event: BusEvent): void {
      const conversationId = typeof event.data.conversationId === 'string' ? event.data.conversationId : null;
      const sockets = conversationId ? byConversation.get(conversationId) : undefined;
      if (!sockets) return;
      if (event.type === 'message.created') {
        const files = Array.isArray(event.data.attachments) ? event.data.attachments.filter(isAttachmentMeta) : [];
        const m = visitorMessage({ id: String(event.data.id), direction: String(event.data.direction), text: String(event.data.text), createdAt: String(event.data.createdAt), attachments: files });
        if (!m || m.direction !== 'outbound') return;
        let shown = false;
        for (const s of sockets) shown = send(s, JSON.stringify({ type: 'message', data: m })) || shown;
        if (shown) options.onShown(m.id);
      } else if (event.type === 'conversation.typing' && event.data.who === 'agent') {
        for (const s of sockets) send(s, JSON.stringify({ type: 'typing', data: { typing: event.data.typing === true } }));
      }
    },
    closeAll(): void {
      for (const s of bySocket.keys()) s.close(1001, 'server shutting down');
    },
  };
}

export type VisitorHub = ReturnType<typeof createVisitorHub>;
