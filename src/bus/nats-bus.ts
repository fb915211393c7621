import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, type ConsumerMessages } from '@nats-io/jetstream';
import { connect, nanos, type NatsConnection } from '@nats-io/transport-node';
import type { BusEvent, EventBus, EventHandler, SubscribeOptions } from './event-bus.js';

export interface NatsBusOptions {
  /** Separate names let several installations (or test runs) share one NATS server. */
  stream?: string;
  subjectPrefix?: string;
  onError?: (err: unknown) => void;
}

/**
 * Events between processes on NATS JetStream. The outbox id is the JetStream message id, so a
 * dispatcher that publishes a row twice (crash before marking it) is deduplicated by the server.
 */
export async function createNatsBus(url: string, options: NatsBusOptions = {}): Promise<EventBus & { destroy(): Promise<void> }> {
  const STREAM = options.stream ?? 'PARLEY_EVENTS';
  const SUBJECT_PREFIX = options.subjectPrefix ?? 'parley.events';
  const onError = options.onError ?? (() => {});
  const nc: NatsConnection = await connect({ servers: url, name: 'parley', maxReconnectAttempts: -1 });
  const jsm = await jetstreamManager(nc);
  const config = { name: STREAM, subjects: [`${SUBJECT_PREFIX}.>`], duplicate_window: nanos(120_000), max_age: nanos(7 * 24 * 3600_000) };
  try {
    await jsm.streams.info(STREAM);
    await jsm.streams.update(STREAM, config);
  } catch {
    await jsm.streams.add(config);
  }
  const js = jetstream(nc);
  const running = new Set<ConsumerMessages>();

  async function run(messages: ConsumerMessages, handler: EventHandler, ack: boolean): Promise<void> {
    for await (const m of messages) {
      try {
        await handler(m.json<BusEvent>());
        if (ack) m.ack();
      } catch (err) {
        onError(err);
        // A failed work item comes back after a pause rather than at once.
        if (ack) m.nak(1000);
      }
    }
  }

  return {
    name: 'nats',
    async publish(events) {
      await Promise.all(
        events.map((e) => js.publish(`${SUBJECT_PREFIX}.${e.type}`, JSON.stringify(e), { msgID: `outbox-${e.id}` })),
      );
    },
    async subscribe(handler: EventHandler, options: SubscribeOptions) {
      let messages: ConsumerMessages;
      if (options.mode === 'work') {
        const durable = (options.group ?? 'worker').replace(/[^A-Za-z0-9_-]/g, '_');
        await jsm.consumers.add(STREAM, { durable_name: durable, ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.New, max_deliver: 20 }).catch(async () => {
          await jsm.consumers.info(STREAM, durable);
        });
        messages = await (await js.consumers.get(STREAM, durable)).consume();
      } else {
        messages = await (await js.consumers.get(STREAM, { deliver_policy: DeliverPolicy.New })).consume();
      }
      running.add(messages);
      void run(messages, handler, options.mode === 'work');
      return async () => {
        running.delete(messages);
        await messages.close();
      };
    },
    healthy: async () => !nc.isClosed() && !nc.isDraining(),
    async close() {
      for (const m of running) await m.close();
      running.clear();
      await nc.drain();
    },
    async destroy() {
      await jsm.streams.delete(STREAM).catch(() => false);
    },
  };
}
