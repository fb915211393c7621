import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { connectDatabase, type DatabaseHandle } from '../../src/db/database.js';

export interface Backend {
  name: string;
  /** A fresh database cloned from the migrated template; dropped by `drop()`. */
  create(): Promise<DatabaseHandle & { drop(): Promise<void> }>;
}

/**
 * CREATE DATABASE … TEMPLATE refuses while anyone else is connected to the template, so test
 * files creating and dropping their databases at the same time connect elsewhere to do it.
 */
function maintenance(url: string): string {
  const u = new URL(url);
  u.pathname = '/postgres';
  return u.toString();
}

/** Embedded PostgreSQL always; CI's server too when DATABASE_URL is set. */
export function backends(): Backend[] {
  return inject('backends').map(({ name, url }) => ({
    name,
    async create() {
      const database = `parley_t_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: maintenance(url) });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${database} TEMPLATE parley_template`);
      await admin.end();
      const target = new URL(url);
      target.pathname = `/${database}`;
      const handle = connectDatabase(target.toString());
      return {
        ...handle,
        async drop() {
          await handle.close();
          const c = new pg.Client({ connectionString: maintenance(url) });
          await c.connect();
          await c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
          await c.end();
        },
      };
    },
  }));
}

/** Event buses to run the suites on: in-process always, NATS JetStream when NATS_URL is set. */
export function busNames(): ('in-process' | 'nats')[] {
  return process.env.NATS_URL ? ['in-process', 'nats'] : ['in-process'];
}
