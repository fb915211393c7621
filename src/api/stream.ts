import type {} from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import type { BusEvent } from '../bus/event-bus.js';
import { authenticate } from './auth.js';
import type { ApiContext } from './context.js';

/** Fans bus events out to the sockets of the event's workspace, and only those. */
export function createStreamHub() {
  const sockets = new Map<string, Set<WebSocket>>();
  return {
    add(workspaceId: string, socket: WebSocket): void {
      const set = sockets.get(workspaceId) ?? new Set<WebSocket>();
      set.add(socket);
      sockets.set(workspaceId, set);
      socket.on('close', () => {
        set.delete(socket);
        if (set.size === 0) sockets.delete(workspaceId);
      });
    },
    publish(event: BusEvent): void {
      if (!event.workspaceId) return;
      const set = sockets.get(event.workspaceId);
      if (!set) return;
      const frame = JSON.stringify({ type: event.type, id: event.id, data: event.data });
      for (const socket of set) {
        if (socket.readyState === socket.OPEN) socket.send(frame);
      }
    },
    size(): number {
      let n = 0;
      for (const set of sockets.values()) n += set.size;
      return n;
    },
    closeAll(): void {
      for (const set of sockets.values()) for (const s of set) s.close(1001, 'server shutting down');
    },
  };
}

export type StreamHub = ReturnType<typeof createStreamHub>;

export function registerStream(app: FastifyInstance, ctx: ApiContext, hub: StreamHub): void {
  app.get('/api/v1/stream', { websocket: true, schema: { hide: true } }, async (socket, req) => {
    const auth = await authenticate(ctx.db, req, true).catch(() => null);
    if (!auth) {
      socket.close(4401, 'unauthorized');
      return;
    }
    hub.add(auth.workspaceId, socket);
    socket.send(JSON.stringify({ type: 'stream.ready', data: { workspaceId: auth.workspaceId } }));
    const ping = setInterval(() => socket.ping(), 25_000);
    socket.on('close', () => clearInterval(ping));
  });
}
