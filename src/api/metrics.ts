import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Database } from '../db/schema.js';

export function registerMetrics(app: FastifyInstance, db: Kysely<Database>, liveSockets: () => number): void {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'parley_' });
  const requests = new Counter({ name: 'parley_http_requests_total', help: 'HTTP requests by route and status', labelNames: ['method', 'route', 'status'], registers: [registry] });
  const duration = new Histogram({ name: 'parley_http_request_seconds', help: 'HTTP request duration', labelNames: ['method', 'route'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5], registers: [registry] });
  new Gauge({
    name: 'parley_outbox_pending',
    help: 'Outbox events not yet published to the bus',
    registers: [registry],
    async collect() {
      const row = await db.selectFrom('outbox').select((eb) => eb.fn.countAll<string>().as('n')).where('publishedAt', 'is', null).executeTakeFirst();
      this.set(Number(row?.n ?? 0));
    },
  });
  new Gauge({
    name: 'parley_delivery_queued',
    help: 'Replies waiting to be sent',
    registers: [registry],
    async collect() {
      const row = await db.selectFrom('messages').select((eb) => eb.fn.countAll<string>().as('n')).where('deliveryStatus', '=', 'queued').executeTakeFirst();
      this.set(Number(row?.n ?? 0));
    },
  });
  new Gauge({ name: 'parley_websocket_clients', help: 'Connected live-stream sockets', registers: [registry], collect() { this.set(liveSockets()); } });

  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    requests.inc({ method: req.method, route, status: String(reply.statusCode) });
    duration.observe({ method: req.method, route }, reply.elapsedTime / 1000);
  });
  app.get('/metrics', { schema: { hide: true } }, async (_req, reply) => {
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
}
