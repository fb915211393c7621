import type { BusEvent, EventBus, EventHandler, SubscribeOptions } from './event-bus.js';

/** The bus of a single process: the outbox already made events durable, so delivery is a call. */
export function createInProcessBus(onError: (err: unknown) => void = () => {}): EventBus {
  const broadcast = new Set<EventHandler>();
  const groups = new Map<string, { handlers: EventHandler[]; next: number }>();

  async function call(handler: EventHandler, event: BusEvent): Promise<void> {
    try {
      await handler(event);
    } catch (err) {
      onError(err);
    }
  }

  return {
    name: 'in-process',
    async publish(events: BusEvent[]) {
      for (const event of events) {
        for (const handler of broadcast) await call(handler, event);
        // A work group hands each event to one of its members, as a JetStream durable consumer does.
        for (const group of groups.values()) {
          const handler = group.handlers[group.next++ % group.handlers.length];
          if (handler) await call(handler, event);
        }
      }
    },
    async subscribe(handler: EventHandler, options: SubscribeOptions) {
      if (options.mode === 'broadcast') {
        broadcast.add(handler);
        return async () => {
          broadcast.delete(handler);
        };
      }
      const name = options.group ?? 'worker';
      const group = groups.get(name) ?? { handlers: [], next: 0 };
      group.handlers.push(handler);
      groups.set(name, group);
      return async () => {
        group.handlers = group.handlers.filter((h) => h !== handler);
        if (group.handlers.length === 0) groups.delete(name);
      };
    },
    healthy: async () => true,
    async close() {
      broadcast.clear();
      groups.clear();
    },
  };
}
