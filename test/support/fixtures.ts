import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.js';
import { createWorkspace } from '../../src/db/workspaces.js';

let n = 0;

/** A workspace with one API channel, made straight through the domain functions. */
export async function workspaceWithChannel(db: Kysely<Database>, slug = `t${process.pid}-${++n}-${Date.now() % 100000}`) {
  const ws = await createWorkspace(db, { slug, name: slug });
  const channel = await db
    .insertInto('channels')
    .values({ workspaceId: ws.id, type: 'api', name: 'API', settings: '{}' })
    .returning(['id', 'workspaceId', 'type', 'disabledAt'])
    .executeTakeFirstOrThrow();
  return { workspaceId: ws.id, channel };
}
