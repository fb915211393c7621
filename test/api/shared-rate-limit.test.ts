import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningParley, startParley } from '../../src/server.js';
import { backends } from '../support/backends.js';
import { api, createTenant, type Tenant } from '../support/parley.js';

const backend = backends()[0];

describe('rate limits shared by every process on one database', () => {
  const servers: RunningParley[] = [];
  const dirs: string[] = [];
  let drop: () => Promise<void>;
  let t: Tenant;
  beforeAll(async () => {
    if (!backend) throw new Error('no backend');
    const database = await backend.create();
    drop = database.drop;
    for (let i = 0; i < 2; i++) {
      const dataDir = await mkdtemp(path.join(os.tmpdir(), 'parley-srv-'));
      dirs.push(dataDir);
      servers.push(await startParley({ dataDir, databaseUrl: database.url, role: 'all', port: 0, host: '127.0.0.1', webDir: null, logger: false, allowPrivateNetworks: true }));
    }
    t = await createTenant(servers[0] as RunningParley);
  });
  afterAll(async () => {
    for (const s of servers) await s.stop();
    await drop();
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('counts failed logins sent to two API processes against one budget', async () => {
    const [a, b] = servers as [RunningParley, RunningParley];
    const statuses: number[] = [];
    // Alternating between the processes: each sees only half the guesses, the database sees all.
    for (let i = 0; i < 10; i++) statuses.push((await api(i % 2 === 0 ? a : b, 'POST', '/api/v1/auth/login', null, { email: t.adminEmail, password: `guess-${i}-xxxx` })).status);
    expect(statuses.every((s) => s === 401)).toBe(true);
    for (const server of [a, b]) {
      const limited = await api(server, 'POST', '/api/v1/auth/login', null, { email: t.adminEmail, password: t.password });
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  });

  it('counts reset requests to two processes against one budget', async () => {
    const [a, b] = servers as [RunningParley, RunningParley];
    for (let i = 0; i < 5; i++) expect((await api(i % 2 === 0 ? a : b, 'POST', '/api/v1/auth/password-reset', null, { email: 'someone@nowhere.example' })).status).toBe(202);
    expect((await api(a, 'POST', '/api/v1/auth/password-reset', null, { email: 'someone@nowhere.example' })).status).toBe(429);
    expect((await api(b, 'POST', '/api/v1/auth/password-reset', null, { email: 'someone@nowhere.example' })).status).toBe(429);
  });

  it('counts a chat visitor\'s messages to two processes against one budget', async () => {
    const [a, b] = servers as [RunningParley, RunningParley];
    const channel = await api<{ id: string }>(a, 'POST', '/api/v1/channels', t.token, { type: 'webchat', name: 'Website' });
    const visitor = await api<{ token: string }>(a, 'POST', `/api/v1/widget/${channel.body.id}/visitors`, null);
    const headers = { 'x-parley-visitor': visitor.body.token };
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await api(i % 2 === 0 ? a : b, 'POST', `/api/v1/widget/${channel.body.id}/messages`, null, { clientId: crypto.randomUUID(), text: `Hallo ${i}` }, headers)).status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(20);
    expect(statuses.at(-1)).toBe(429);
  });

  it('keeps no e-mail address or IP in clear in its counters', async () => {
    const db = (servers[0] as RunningParley).db;
    const keys = await db.selectFrom('rateLimitHits').select('key').execute();
    expect(keys.length).toBeGreaterThan(0);
    for (const { key } of keys) expect(key).toMatch(/^[0-9a-f]{64}$/);
  });
});
