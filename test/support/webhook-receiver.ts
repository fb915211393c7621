import http from 'node:http';
import https from 'node:https';
import { verifyWebhook } from '../../src/channels/standard-webhooks.js';

export interface Received {
  body: Record<string, unknown>;
  verified: boolean;
  headers: http.IncomingHttpHeaders;
}

/** A customer's system receiving Parley's outbound webhooks; it can be told to fail first. With `tls` it listens on https. */
export async function startWebhookReceiver(secret: () => string, tls?: { key: string; cert: string }) {
  const received: Received[] = [];
  const failures: number[] = [];
  const handle = (req: http.IncomingMessage, res: http.ServerResponse) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      const next = failures.shift();
      if (next !== undefined) {
        res.writeHead(next, next === 429 ? { 'retry-after': '0' } : {}).end('try later');
        return;
      }
      const verified = verifyWebhook(secret(), { id: String(req.headers['webhook-id']), timestamp: String(req.headers['webhook-timestamp']), signature: String(req.headers['webhook-signature']) }, raw);
      received.push({ body: JSON.parse(raw) as Record<string, unknown>, verified, headers: req.headers });
      res.writeHead(200, { 'x-message-id': `ext-${received.length}` }).end('{}');
    });
  };
  const server = tls ? https.createServer(tls, handle) : http.createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}/hook`,
    received,
    failNext(...statuses: number[]) {
      failures.push(...statuses);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
