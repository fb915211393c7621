import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { createApiToken } from '../../src/db/api-tokens.js';
import type { Role } from '../../src/db/schema.js';
import { createUser } from '../../src/db/users.js';
import { createWorkspace } from '../../src/db/workspaces.js';
import { type RunningParley, startParley } from '../../src/server.js';
import type { Backend } from './backends.js';

export interface TestParley extends RunningParley {
  /** The server's data folder (its generated secret key lives there). */
  dataDir: string;
  drop(): Promise<void>;
}

export async function startTestParley(backend: Backend, bus: 'in-process' | 'nats' = 'in-process', options: { smtp?: boolean; webDir?: string } = {}): Promise<TestParley> {
  const database = await backend.create();
  await database.close();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'parley-srv-'));
  const running = await startParley({
    dataDir,
    databaseUrl: database.url,
    ...(bus === 'nats' && process.env.NATS_URL && { natsUrl: process.env.NATS_URL, natsStream: `T${path.basename(dataDir).replace(/[^A-Za-z0-9]/g, '')}` }),
    role: 'all',
    port: 0,
    host: '127.0.0.1',
    webDir: options.webDir ?? null,
    logger: false,
    allowPrivateNetworks: true,
    ...(options.smtp && { smtpPort: 0 }),
  });
  return {
    ...running,
    dataDir,
    async drop() {
      await running.stop();
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Tenant {
  workspaceId: string;
  slug: string;
  token: string;
  tokens: Record<Role, string>;
  adminEmail: string;
  password: string;
}

let counter = 0;

/** A workspace with an admin user and one API token per role. */
export async function createTenant(p: RunningParley, slug = `ws-${process.pid}-${++counter}`): Promise<Tenant> {
  const ws = await createWorkspace(p.db, { slug, name: `Workspace ${slug}` });
  const password = 'correct horse battery';
  const adminEmail = `admin@${slug}.example`;
  await createUser(p.db, ws.id, { email: adminEmail, name: 'Admin', role: 'admin', password });
  const tokens = {} as Record<Role, string>;
  for (const role of ['admin', 'agent', 'viewer'] as const) {
    tokens[role] = (await createApiToken(p.db, ws.id, { name: role, role })).token;
  }
  return { workspaceId: ws.id, slug, token: tokens.admin, tokens, adminEmail, password };
}

export async function api<T = Record<string, unknown>>(p: RunningParley, method: string, url: string, token: string | null, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: T; headers: Headers }> {
  const res = await fetch(p.url + url, {
    method,
    headers: { ...(body !== undefined && { 'content-type': 'application/json' }), ...(token && { authorization: `Bearer ${token}` }), ...headers },
    ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as T, headers: res.headers };
}

export interface StreamClient {
  events: { type: string; data: Record<string, unknown> }[];
  waitFor(predicate: (e: { type: string; data: Record<string, unknown> }) => boolean, timeoutMs?: number): Promise<{ type: string; data: Record<string, unknown> }>;
  close(): void;
}

export async function openStream(p: RunningParley, token: string): Promise<StreamClient> {
  return openSocket(`${p.url.replace('http', 'ws')}/api/v1/stream?token=${encodeURIComponent(token)}`, 'stream.ready');
}

/** A WebSocket that records every frame; resolves once the server's ready frame arrived. */
export async function openSocket(url: string, readyType: string): Promise<StreamClient & { send(frame: unknown): void }> {
  const ws = new WebSocket(url);
  const events: StreamClient['events'] = [];
  const waiters = new Set<() => void>();
  ws.on('message', (raw) => {
    events.push(JSON.parse(String(raw)) as StreamClient['events'][number]);
    for (const w of waiters) w();
  });
  await new Promise<void>((resolve, reject) => {
    const check = () => {
      if (events.some((e) => e.type === readyType)) resolve();
    };
    waiters.add(check);
    ws.once('error', reject);
    ws.once('close', (code) => reject(new Error(`stream closed: ${code}`)));
  });
  return {
    events,
    waitFor(predicate, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const hit = events.find(predicate);
          if (hit) {
            clearTimeout(timer);
            waiters.delete(check);
            resolve(hit);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching event within ${timeoutMs} ms; saw ${events.map((e) => e.type).join(', ')}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => ws.close(),
    send: (frame) => ws.send(JSON.stringify(frame)),
  };
}
