import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { connectDatabase } from '../../src/db/database.js';
import { ensureEmbeddedPostgres } from '../../src/db/embedded.js';
import { migrateToLatest } from '../../src/db/migrate.js';

declare module 'vitest' {
  export interface ProvidedContext {
    backends: { name: string; url: string }[];
  }
}

const TEMPLATE = 'parley_template';

/** Builds a migrated template database that every test file clones in milliseconds. */
async function prepareTemplate(serverUrl: string): Promise<string> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${TEMPLATE}`);
  await admin.end();
  const url = withDatabase(serverUrl, TEMPLATE);
  const handle = connectDatabase(url, { max: 1 });
  await migrateToLatest(handle.db);
  await handle.close();
  return url;
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export default async function setup(project: TestProject) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'parley-test-'));
  await chmod(dir, 0o755);
  const embedded = await ensureEmbeddedPostgres(dir);
  const backends = [{ name: 'embedded', url: await prepareTemplate(embedded.url) }];
  if (process.env.DATABASE_URL) backends.push({ name: 'external', url: await prepareTemplate(process.env.DATABASE_URL) });
  project.provide('backends', backends);
  return async () => {
    await embedded.stop();
    await rm(dir, { recursive: true, force: true });
  };
}
