import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { createApiToken } from '../../src/db/api-tokens.js';
import { ensureDemoWorkspace } from '../../src/demo/seed.js';
import type { Backend } from './backends.js';
import { startTestParley, type TestParley } from './parley.js';

export const WEB_DIST = path.resolve('dist/web');
const WEB_SRC = path.resolve('web');
const WIDGET_SRC = path.resolve('widget');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

async function viteBuild(config: string): Promise<void> {
  // A separate process with NODE_ENV=production: inside vitest NODE_ENV is "test", which would
  // bundle React's development build into dist/web.
  await promisify(execFile)(process.execPath, [path.resolve('node_modules/vite/bin/vite.js'), 'build', '--config', config, '--logLevel', 'warn'], {
    env: { ...process.env, NODE_ENV: 'production' },
  });
}

function stale(output: string, sources: string): boolean {
  return !existsSync(output) || statSync(output).mtimeMs < newestMtime(sources);
}

/** Builds the agent app and the chat widget when dist/web is missing or older than their sources. */
export async function ensureWebBuild(): Promise<void> {
  // The app's build empties dist/web, so the widget is rebuilt after it.
  const app = stale(path.join(WEB_DIST, 'index.html'), WEB_SRC);
  if (app) await viteBuild(path.join(WEB_SRC, 'vite.config.ts'));
  if (app || stale(path.join(WEB_DIST, 'widget.js'), WIDGET_SRC)) await viteBuild(path.join(WIDGET_SRC, 'vite.config.ts'));
}

/** Like startTestParley, but serving the built agent app at `/`. */
export function startTestParleyWithWeb(backend: Backend, webDir: string = WEB_DIST): Promise<TestParley> {
  return startTestParley(backend, 'in-process', { webDir });
}

/** The built agent app on a server holding the demo workspace, and an admin API token to set the scene with. */
export async function startDemoParleyWithWeb(backend: Backend, password: string): Promise<{ parley: TestParley; workspaceId: string; token: string }> {
  await ensureWebBuild();
  const parley = await startTestParleyWithWeb(backend);
  await ensureDemoWorkspace(parley.db, password);
  const ws = await parley.db.selectFrom('workspaces').select('id').where('slug', '=', 'demo').executeTakeFirstOrThrow();
  const token = (await createApiToken(parley.db, ws.id, { name: 'browser-test', role: 'admin' })).token;
  return { parley, workspaceId: ws.id, token };
}

export const CHROMIUM_OPTIONS = {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
};
