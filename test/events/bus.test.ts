import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusEvent, EventBus } from '../../src/bus/event-bus.js';
import { createInProcessBus } from '../../src/bus/in-process-bus.js';
import { createNatsBus } from '../../src/bus/nats-bus.js';
import { startOutboxDispatcher } from '../../src/bus/outbox-dispatcher.js';
import type { DatabaseHandle } from '../../src/db/database.js';
import { enqueueEvents } from '../../src/db/outbox.js';
import { acceptInbound } from '../../src/pipeline/accept-inbound.js';
import { backends, busNames } from '../support/backends.js';
import { workspaceWithChannel } from '../support/fixtures.js';
import { startParley } from '../../src/server.js';
import { api, createTenant, openStream, startTestParley } from '../support/parley.js';
import { startWebhookReceiver } from '../support/webhook-receiver.js';

async function makeBus(name: 'in-process' | 'nats'): Promise<EventBus & { destroy?(): Promise<void> }> {
  if (name === 'in-process') return createInProcessBus();
  const stream = `TEST${randomBytes(4).toString('hex')}`;
  return createNatsBus(process.env.NATS_URL ?? '', { stream, subjectPrefix: `test.${stream}` });
}

function collector() {
  const seen: BusEvent[] = [];
  return {
    seen,
    handler: (e: BusEvent) => {
      seen.push(e);
    },
    async until(n: number, ms = 5000) {
      const start = Date.now();
      while (seen.length < n && Date.now() - start < ms) await new Promise((r) => setTimeout(r, 20));
      return seen;
    },
  };
}

const backend = backends()[backends().length - 1];

for (const busName of busNames()) {
  describe(`${busName} bus with the outbox`, () => {
    let h: DatabaseHandle & { drop(): Promise<void> };
    beforeAll(async () => {
      if (!backend) throw new Error('no backend');
      h = await backend.create();
    });
    afterAll(async () => h.drop());

    it('delivers events written before any dispatcher ran, in order, and marks them published', async () => {
      const bus = await makeBus(busName);
      const c = collector();
      await bus.subscribe(c.handler, { mode: 'broadcast' });
      const ws = await workspaceWithChannel(h.db);
      // Written while "the process was down": nothing publishes them yet.
      await enqueueEvents(h.db, [1, 2, 3].map((i) => ({ type: 'test.event', workspaceId: ws.workspaceId, data: { i } })));
      const dispatcher = startOutboxDispatcher(h.db, bus, { pollMs: 50 });
      const seen = await c.until(3);
      expect(seen.filter((e) => e.workspaceId === ws.workspaceId).map((e) => e.data.i)).toEqual([1, 2, 3]);
      await dispatcher.stop();
      const pending = await h.db.selectFrom('outbox').select('id').where('workspaceId', '=', ws.workspaceId).where('publishedAt', 'is', null).execute();
      expect(pending).toHaveLength(0);
      await bus.close();
      await bus.destroy?.();
    });

    it('keeps events whose publish failed and delivers them on the next attempt', async () => {
      const real = await makeBus(busName);
      let failures = 1;
      const flaky: EventBus = {
        ...real,
        async publish(events) {
          if (failures-- > 0) throw new Error('bus down');
          return real.publish(events);
        },
      };
      const c = collector();
      await real.subscribe(c.handler, { mode: 'broadcast' });
      const ws = await workspaceWithChannel(h.db);
      await acceptInbound(h.db, ws.channel, { externalId: 'f1', from: { id: 'a' }, text: 'Hallo' });
      const errors: unknown[] = [];
      const dispatcher = startOutboxDispatcher(h.db, flaky, { pollMs: 50, onError: (e) => errors.push(e) });
      const seen = await c.until(2);
      expect(errors.length).toBeGreaterThan(0);
      expect(seen.filter((e) => e.workspaceId === ws.workspaceId).map((e) => e.type).sort()).toEqual(['conversation.created', 'message.created']);
      await dispatcher.stop();
      await real.close();
      await real.destroy?.();
    });

    it('hands each event of a work group to one member, and every broadcast subscriber sees it', async () => {
      const bus = await makeBus(busName);
      const w1 = collector();
      const w2 = collector();
      const b1 = collector();
      const b2 = collector();
      await bus.subscribe(w1.handler, { mode: 'work', group: 'g' });
      await bus.subscribe(w2.handler, { mode: 'work', group: 'g' });
      await bus.subscribe(b1.handler, { mode: 'broadcast' });
      await bus.subscribe(b2.handler, { mode: 'broadcast' });
      const events: BusEvent[] = Array.from({ length: 10 }, (_, i) => ({ id: `${Date.now()}${i}`, type: 'work.item', workspaceId: null, data: { i }, createdAt: new Date().toISOString() }));
      await bus.publish(events);
      await b1.until(10);
      await b2.until(10);
      const start = Date.now();
      while (w1.seen.length + w2.seen.length < 10 && Date.now() - start < 5000) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 200));
      expect(b1.seen).toHaveLength(10);
      expect(b2.seen).toHaveLength(10);
      expect(w1.seen.length + w2.seen.length).toBe(10);
      await bus.close();
      await bus.destroy?.();
    });

    if (busName === 'nats') {
      it('drops a republished outbox row (same id) inside the deduplication window', async () => {
        const bus = await makeBus(busName);
        const c = collector();
        await bus.subscribe(c.handler, { mode: 'broadcast' });
        const event: BusEvent = { id: `dup-${Date.now()}`, type: 'dup.test', workspaceId: null, data: {}, createdAt: new Date().toISOString() };
        await bus.publish([event]);
        await bus.publish([event]);
        await c.until(2, 1000);
        expect(c.seen).toHaveLength(1);
        await bus.close();
        await bus.destroy?.();
      });
    }

    it('carries an inbound message from the API to a live WebSocket', async () => {
      if (!backend) throw new Error('no backend');
      const p = await startTestParley(backend, busName);
      try {
        const t = await createTenant(p);
        const ch = await api<{ id: string }>(p, 'POST', '/api/v1/channels', t.token, { type: 'api', name: 'Feed' });
        const stream = await openStream(p, t.token);
        const res = await api<{ messageId: string }>(p, 'POST', `/api/v1/channels/${ch.body.id}/inbound`, t.token, { externalId: 'live-1', from: { id: 'x' }, text: 'Live?' });
        expect(res.status).toBe(202);
        const e = await stream.waitFor((ev) => ev.type === 'message.created' && ev.data.id === res.body.messageId);
        expect(e.data.text).toBe('Live?');
        stream.close();
      } finally {
        await p.drop();
      }
    });
  });
}

if (process.env.NATS_URL) {
  describe('split processes over NATS: an api process and a worker process', () => {
    it('accepts in the api process, delivers the reply from the worker process, and streams both', async () => {
      const b = backends()[backends().length - 1];
      if (!b) throw new Error('no backend');
      const database = await b.create();
      await database.close();
      const dir = await mkdtemp(path.join(os.tmpdir(), 'parley-split-'));
      const stream = `SPLIT${randomBytes(4).toString('hex')}`;
      const common = { dataDir: dir, databaseUrl: database.url, natsUrl: process.env.NATS_URL, natsStream: stream, port: 0, host: '127.0.0.1', webDir: null, logger: false, allowPrivateNetworks: true };
      const apiProcess = await startParley({ ...common, role: 'api' });
      const workerProcess = await startParley({ ...common, role: 'worker' });
      let secret = '';
      const receiver = await startWebhookReceiver(() => secret);
      try {
        const t = await createTenant(apiProcess);
        const ch = await api<{ id: string; generatedSecrets: { webhookSecret: string } }>(apiProcess, 'POST', '/api/v1/channels', t.token, { type: 'api', name: 'Split', settings: { webhookUrl: receiver.url } });
        secret = ch.body.generatedSecrets.webhookSecret;
        const live = await openStream(apiProcess, t.token);
        const inbound = await api<{ conversationId: string }>(apiProcess, 'POST', `/api/v1/channels/${ch.body.id}/inbound`, t.token, { externalId: 'split-1', from: { id: 'c' }, text: 'Hallo' });
        const reply = await api<{ id: string }>(apiProcess, 'POST', `/api/v1/conversations/${inbound.body.conversationId}/messages`, t.token, { text: 'Antwort', type: 'reply' });
        await live.waitFor((e) => e.type === 'message.updated' && e.data.id === reply.body.id && e.data.deliveryStatus === 'sent', 10_000);
        expect(receiver.received.some((r) => r.verified && (r.body.data as { message: { id: string } }).message.id === reply.body.id)).toBe(true);
        live.close();
      } finally {
        await receiver.close();
        await apiProcess.stop();
        await workerProcess.stop();
        await database.drop();
      }
    }, 60_000);
  });
}
