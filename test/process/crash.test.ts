import { existsSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openStorage } from '../../src/server.js';
import { cleanUpServer, parley, type ServerProcess, startServerProcess, tempDataDir } from '../support/cli-process.js';

async function post(url: string, token: string, body: unknown): Promise<number> {
  try {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

describe('parley start as a real process', () => {
  let server: ServerProcess | null = null;
  afterAll(() => cleanUpServer(server));

  it('loses no accepted message and duplicates none when killed with SIGKILL during a burst', async () => {
    const data = await tempDataDir();
    // The commands work without a running server: they start and stop PostgreSQL themselves.
    await parley(['workspace', 'create', '--slug', 'acme', '--name', 'ACME GmbH', '--data', data]);
    const token = (await parley(['token', 'create', '--workspace', 'acme', '--role', 'admin', '--data', data])).stdout.trim();
    expect(token).toMatch(/^pk_[A-Za-z0-9_-]{40,}$/);

    server = await startServerProcess(data);
    const channel = await fetch(`${server.url}/api/v1/channels`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ type: 'api', name: 'Burst' }) }).then((r) => r.json() as Promise<{ id: string }>);
    const inbound = `${server.url}/api/v1/channels/${channel.id}/inbound`;
    const total = 400;
    const bodies = Array.from({ length: total }, (_, i) => ({ externalId: `burst-${i}`, from: { id: `sender-${i % 37}` }, text: `Nachricht ${i}: Wo ist mein Paket?` }));
    const accepted = new Set<string>();
    let next = 0;
    let killed = false;
    const victim = server;
    async function client(): Promise<void> {
      while (next < total) {
        const body = bodies[next++];
        if (!body) return;
        const status = await post(inbound, token, body);
        if (status === 202 || status === 200) accepted.add(body.externalId);
        if (accepted.size >= 120 && !killed) {
          killed = true;
          victim.child.kill('SIGKILL');
        }
      }
    }
    await Promise.all(Array.from({ length: 16 }, client));
    await victim.exited;
    expect(killed).toBe(true);
    expect(accepted.size).toBeGreaterThanOrEqual(120);
    expect(accepted.size).toBeLessThan(total);

    // A command run while PostgreSQL is left over from the killed server still works.
    const second = (await parley(['token', 'create', '--workspace', 'acme', '--role', 'agent', '--data', data])).stdout.trim();
    expect(second).toMatch(/^pk_/);

    server = await startServerProcess(data);
    const storage = await openStorage({ dataDir: data });
    try {
      const stored = await storage.db.selectFrom('messages').select(['externalId']).where('channelId', '=', channel.id).execute();
      const storedIds = stored.map((m) => m.externalId);
      for (const id of accepted) expect(storedIds).toContain(id);
      expect(new Set(storedIds).size).toBe(storedIds.length);

      // The client retries everything it is unsure about: duplicates answer 200, nothing is stored twice.
      const retried = await Promise.all(bodies.map((b) => post(`${server?.url}/api/v1/channels/${channel.id}/inbound`, token, b)));
      expect(retried.every((s) => s === 200 || s === 202)).toBe(true);
      for (const [i, b] of bodies.entries()) if (accepted.has(b.externalId)) expect(retried[i]).toBe(200);
      const counts = await sql<{ n: number; d: number }>`SELECT count(*)::int AS n, count(DISTINCT external_id)::int AS d FROM messages WHERE channel_id = ${channel.id}`.execute(storage.db);
      expect(counts.rows[0]).toEqual({ n: total, d: total });

      // Events committed before the kill are published after the restart: nothing stays in the outbox.
      let pending = -1;
      for (let i = 0; i < 50 && pending !== 0; i++) {
        const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`.execute(storage.db);
        pending = r.rows[0]?.n ?? -1;
        if (pending !== 0) await new Promise((res) => setTimeout(res, 100));
      }
      expect(pending).toBe(0);
    } finally {
      await storage.close();
    }

    // A clean stop: the process exits 0 and PostgreSQL is shut down with it.
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(existsSync(path.join(data, 'pg', 'postmaster.pid'))).toBe(false);
    expect(existsSync(path.join(data, 'parley.pid'))).toBe(false);
  }, 180_000);
});
