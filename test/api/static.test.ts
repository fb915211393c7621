import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningParley, startParley } from '../../src/server.js';
import { backends } from '../support/backends.js';

const backend = backends()[0];

describe('serving the agent app', () => {
  let p: RunningParley;
  let drop: () => Promise<void>;
  let web: string;
  beforeAll(async () => {
    if (!backend) throw new Error('no backend');
    const database = await backend.create();
    await database.close();
    drop = database.drop;
    web = await mkdtemp(path.join(os.tmpdir(), 'parley-web-'));
    await mkdir(path.join(web, 'assets'));
    await writeFile(path.join(web, 'index.html'), '<!doctype html><title>Parley</title>');
    await writeFile(path.join(web, 'assets', 'app-1.js'), 'console.log(1)');
    p = await startParley({ dataDir: web, databaseUrl: database.url, role: 'all', port: 0, host: '127.0.0.1', webDir: web, logger: false });
  });
  afterAll(async () => {
    await p.stop();
    await drop();
    await rm(web, { recursive: true, force: true });
  });

  it('serves pages from index.html with a strict content security policy, and files as they are on disk', async () => {
    const page = await fetch(`${p.url}/conversations/123`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(await page.text()).toContain('<title>Parley</title>');
    expect((await fetch(`${p.url}/assets/app-1.js`)).status).toBe(200);
    // A rebuild adds files while the server runs; they are served without a restart.
    await writeFile(path.join(web, 'assets', 'app-2.js'), 'console.log(2)');
    expect((await fetch(`${p.url}/assets/app-2.js`)).status).toBe(200);
  });

  it('answers a missing file or API route with 404, not with the app', async () => {
    const missing = await fetch(`${p.url}/assets/gone-0.js`);
    expect(missing.status).toBe(404);
    const api = await fetch(`${p.url}/api/v1/nothing`);
    expect(api.status).toBe(404);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });
});
