// Runs in a worker thread so the load generator has its own core and event loop.
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import WebSocket from 'ws';
import type { BenchMessage } from './messages.js';

export interface LoadJob {
  mode: 'throughput' | 'paced';
  url: string;
  token: string;
  channelId: string;
  messages: BenchMessage[];
  concurrency: number;
  ratePerSecond?: number;
}

export interface LoadResult {
  accepted: number;
  duplicates: number;
  errors: number;
  elapsedMs: number;
  latenciesMs: number[];
}

const job = workerData as LoadJob;
const agent = new http.Agent({ keepAlive: true, maxSockets: job.concurrency });
const target = new URL(`${job.url}/api/v1/channels/${job.channelId}/inbound`);

function post(body: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.request(
      { agent, hostname: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${job.token}` } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

async function throughput(): Promise<LoadResult> {
  let next = 0;
  let accepted = 0;
  let duplicates = 0;
  let errors = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: job.concurrency }, async () => {
      while (next < job.messages.length) {
        const m = job.messages[next++];
        if (!m) break;
        const status = await post(JSON.stringify(m));
        if (status === 202) accepted++;
        else if (status === 200) duplicates++;
        else errors++;
      }
    }),
  );
  return { accepted, duplicates, errors, elapsedMs: performance.now() - start, latenciesMs: [] };
}

async function paced(): Promise<LoadResult> {
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const ws = new WebSocket(`${job.url.replace('http', 'ws')}/api/v1/stream?token=${encodeURIComponent(job.token)}`);
  ws.on('message', (raw) => {
    const event = JSON.parse(String(raw)) as { type: string; data: { externalId?: string } };
    if (event.type !== 'message.created' || !event.data.externalId) return;
    const t0 = sentAt.get(event.data.externalId);
    if (t0 !== undefined) latencies.push(performance.now() - t0);
  });
  await new Promise<void>((resolve) => ws.on('message', () => resolve()));
  const rate = job.ratePerSecond ?? 1000;
  const start = performance.now();
  let accepted = 0;
  let errors = 0;
  const inflight: Promise<void>[] = [];
  for (const [i, m] of job.messages.entries()) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    sentAt.set(m.externalId, performance.now());
    inflight.push(
      post(JSON.stringify(m)).then((s) => {
        if (s === 202) accepted++;
        else errors++;
      }),
    );
  }
  await Promise.all(inflight);
  const deadline = performance.now() + 3000;
  while (latencies.length < accepted && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  ws.close();
  return { accepted, duplicates: 0, errors, elapsedMs: performance.now() - start, latenciesMs: latencies };
}

const result = await (job.mode === 'throughput' ? throughput() : paced());
agent.destroy();
parentPort?.postMessage(result);
