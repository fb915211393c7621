// Runs in a worker thread so the load generator has its own core and event loop.
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import nodemailer from 'nodemailer';
import WebSocket from 'ws';
import type { BenchMessage } from './messages.js';

/** A request prepared in full by the benchmark (a provider's signed webhook delivery). */
export interface RawRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** An e-mail the load generator sends over SMTP; nodemailer writes the MIME. */
export interface BenchMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface LoadJob {
  /**
   * throughput/paced post messages to the API channel; raw sends prepared requests and times
   * each answer; smtp delivers mails to `smtpPort`, timing each until the server's 250.
   */
  mode: 'throughput' | 'paced' | 'raw' | 'smtp';
  url: string;
  token: string;
  channelId: string;
  messages: BenchMessage[];
  raw?: RawRequest[];
  mails?: BenchMail[];
  smtpPort?: number;
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

function post(body: string, path = target.pathname, headers: Record<string, string> = { 'content-type': 'application/json', authorization: `Bearer ${job.token}` }): Promise<number> {
  return new Promise((resolve) => {
    const req = http.request(
      { agent, hostname: target.hostname, port: target.port, path, method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
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

/** Sends every item over `job.concurrency` parallel lanes, timing each accepted one until its answer. */
async function timedLanes<T>(items: readonly T[], send: (item: T) => Promise<boolean>): Promise<LoadResult> {
  let next = 0;
  let accepted = 0;
  let errors = 0;
  const latencies: number[] = [];
  const start = performance.now();
  await Promise.all(
    Array.from({ length: job.concurrency }, async () => {
      while (next < items.length) {
        const item = items[next++];
        if (item === undefined) break;
        const t0 = performance.now();
        if (await send(item)) {
          accepted++;
          latencies.push(performance.now() - t0);
        } else errors++;
      }
    }),
  );
  return { accepted, duplicates: 0, errors, elapsedMs: performance.now() - start, latenciesMs: latencies };
}

async function raw(): Promise<LoadResult> {
  return timedLanes(job.raw ?? [], async (r) => {
    const status = await post(r.body, r.path, r.headers);
    return status >= 200 && status < 300;
  });
}

async function smtp(): Promise<LoadResult> {
  const transport = nodemailer.createTransport({ host: target.hostname, port: job.smtpPort ?? 25, secure: false, ignoreTLS: true, pool: true, maxConnections: job.concurrency, maxMessages: Infinity });
  try {
    return await timedLanes(job.mails ?? [], (m) => transport.sendMail(m).then(() => true, () => false));
  } finally {
    transport.close();
  }
}

const runs = { throughput, paced, raw, smtp };
const result = await runs[job.mode]();
agent.destroy();
parentPort?.postMessage(result);
