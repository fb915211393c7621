import type { BusEvent, EventBus, EventHandler } from './event-bus.js';

/** The bus of a single process: the outbox already made events durable, so delivery is a call. */
export function createInProcessBus(onError: (err: unknown) => void = () => {}): EventBus {
  const handlers = new Set<EventHandler>();
  return {
    name: 'in-process',
    async publish(events: BusEvent[]) {
      for (const event of events) {
        for (const handler of handlers) {
          try {
            await handler(event);
          } catch (err) {
            onError(err);
          }
        }
      }
    },
    async subscribe(handler) {
      handlers.add(handler);
      return async () => {
        handlers.delete(handler);
      };
    },
    healthy: async () => true,
    async close() {
      handlers.clear();
    },
  };
}
