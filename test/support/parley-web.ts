import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startParley } from '../../src/server.js';
import type { Backend } from './backends.js';
import type { TestParley } from './parley.js';

export const WEB_DIST = path.resolve('dist/web');
const WEB_SRC = path.resolve('web');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds the agent app once when dist/web is missing or older than its sources. */
export async function ensureWebBuild(): Promise<void> {
  const index = path.join(WEB_DIST, 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= newestMtime(WEB_SRC)) return;
  // A separate process with NODE_ENV=production: inside vitest NODE_ENV is "test", which would
  // bundle React's development build into dist/web.
  await promisify(execFile)(process.execPath, [path.resolve('node_modules/vite/bin/vite.js'), 'build', '--config', path.join(WEB_SRC, 'vite.config.ts'), '--logLevel', 'warn'], {
    env: { ...process.env, NODE_ENV: 'production' },
  });
}

/** Like startTestParley, but serving the built agent app at `/`. */
export async function startTestParleyWithWeb(backend: Backend, webDir: string = WEB_DIST): Promise<TestParley> {
  const database = await backend.create();
  await database.close();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'parley-web-'));
  const running = await startParley({ dataDir, databaseUrl: database.url, role: 'all', port: 0, host: '127.0.0.1', webDir, logger: false });
  return {
    ...running,
    async drop() {
      await running.stop();
      await database.drop();
    },
  };
}

export const CHROMIUM_OPTIONS = {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
};
