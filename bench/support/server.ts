import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { createApiToken } from '../../src/db/api-tokens.js';
import { createWorkspace } from '../../src/db/workspaces.js';
import { type RunningParley, startParley } from '../../src/server.js';
import type { LoadJob, LoadResult } from './load-worker.js';

export function progress(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** A Parley on a fresh embedded PostgreSQL, as `npm start` runs it, minus the demo. */
export async function startBenchParley(options: { smtpPort?: number } = {}): Promise<{ parley: RunningParley; dataDir: string; dispose(): Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'parley-bench-'));
  await chmod(dir, 0o755);
  const dataDir = path.join(dir, 'data');
  progress(`Starting Parley on a fresh embedded PostgreSQL in ${dataDir}…`);
  const parley = await startParley({ dataDir, role: 'all', port: 0, host: '127.0.0.1', webDir: null, logger: false, ...options });
  return {
    parley,
    dataDir,
    async dispose() {
      await parley.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export async function benchTenant(p: RunningParley, slug: string) {
  const ws = await createWorkspace(p.db, { slug, name: slug });
  const { token } = await createApiToken(p.db, ws.id, { name: 'bench', role: 'admin' });
  return { workspaceId: ws.id, token };
}

export function runLoad(job: LoadJob): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    // Worker threads do not inherit tsx's loader, so the worker registers it before importing.
    const entry = new URL('./load-worker.ts', import.meta.url).href;
    const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`;
    const worker = new Worker(boot, { eval: true, workerData: job });
    worker.once('message', (r: LoadResult) => resolve(r));
    worker.once('error', reject);
  });
}

/** Samples the process's resident memory while work runs; returns the peak in MB. */
export function sampleRss(): () => number {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 100);
  return () => {
    clearInterval(timer);
    return Math.round((peak / 1024 / 1024) * 10) / 10;
  };
}
