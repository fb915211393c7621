import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database.js';
import { createUser } from '../../src/db/users.js';
import { createWorkspace } from '../../src/db/workspaces.js';
import { assignWaiting } from '../../src/inbox/auto-assign.js';
import { acceptInbound, type InboundChannel } from '../../src/pipeline/accept-inbound.js';
import { backends } from '../support/backends.js';

const backend = backends()[0];

// Rounds keep the agent snapshot in memory; another process changes the database underneath with
// plain SQL on its own connection, and the very next round must act on the change.
describe('assignment rounds and changes made by other processes', () => {
  let database: DatabaseHandle & { drop(): Promise<void> };
  let other: pg.Client;
  let workspaceId: string;
  let channel: InboundChannel;
  let ada: string;
  let ben: string;
  let teamId: string;
  let n = 0;

  const db = () => database.db;
  async function waiting(change: { teamId?: string; tier?: number } = {}): Promise<string> {
    const { conversationId } = await acceptInbound(db(), channel, { externalId: `s-${++n}`, from: { id: `kunde-${n}` }, text: 'Hallo, eine Frage.' });
    await db().updateTable('conversations').set(change).where('id', '=', conversationId).execute();
    return conversationId;
  }
  async function roundAssigns(conversationId: string): Promise<string | null> {
    await assignWaiting(db(), workspaceId);
    const c = await db().selectFrom('conversations').select('assigneeId').where('id', '=', conversationId).executeTakeFirstOrThrow();
    // Each case starts from nothing waiting and nobody busy.
    await db().updateTable('conversations').set({ status: 'resolved' }).where('workspaceId', '=', workspaceId).execute();
    return c.assigneeId;
  }
  const elsewhere = (text: string, values: unknown[]) => other.query(text, values);

  beforeAll(async () => {
    if (!backend) throw new Error('no backend');
    database = await backend.create();
    other = new pg.Client({ connectionString: database.url });
    await other.connect();
    workspaceId = (await createWorkspace(db(), { slug: `snap-${process.pid}`, name: 'Snapshot' })).id;
    channel = await db().insertInto('channels').values({ workspaceId, type: 'api', name: 'API', settings: '{}' }).returning(['id', 'workspaceId', 'type', 'disabledAt']).executeTakeFirstOrThrow();
    ada = (await createUser(db(), workspaceId, { email: `ada-${process.pid}@example.de`, name: 'Ada', role: 'agent' })).id;
    ben = (await createUser(db(), workspaceId, { email: `ben-${process.pid}@example.de`, name: 'Ben', role: 'agent' })).id;
    for (const userId of [ada, ben]) await db().insertInto('agentProfiles').values({ userId, workspaceId, presence: 'online', tier: 1, capacity: JSON.stringify({ api: 5 }) }).execute();
    teamId = (await db().insertInto('teams').values({ workspaceId, name: 'Billing' }).returning('id').executeTakeFirstOrThrow()).id;
    await db().insertInto('teamMembers').values({ teamId, userId: ada }).execute();
  });
  afterAll(async () => {
    await other?.end();
    await database?.drop();
  });

  it('sees a membership change at the next round', async () => {
    expect(await roundAssigns(await waiting({ teamId }))).toBe(ada);
    await elsewhere('DELETE FROM team_members WHERE team_id = $1 AND user_id = $2', [teamId, ada]);
    await elsewhere('INSERT INTO team_members (team_id, user_id) VALUES ($1, $2)', [teamId, ben]);
    expect(await roundAssigns(await waiting({ teamId }))).toBe(ben);
  });

  it('sees presence changes at the next round, going away and coming back', async () => {
    expect(await roundAssigns(await waiting({ teamId }))).toBe(ben);
    await elsewhere(`UPDATE agent_profiles SET presence = 'away' WHERE user_id = $1`, [ben]);
    const left = await waiting({ teamId });
    expect(await roundAssigns(left)).toBeNull();
    await db().updateTable('conversations').set({ status: 'open' }).where('id', '=', left).execute();
    await elsewhere(`UPDATE agent_profiles SET presence = 'online' WHERE user_id = $1`, [ben]);
    expect(await roundAssigns(left)).toBe(ben);
  });

  it('sees a profile change at the next round', async () => {
    // A tier-2 case waits while both are tier 1, and goes to Ada the moment she is made tier 2.
    expect(await roundAssigns(await waiting({ tier: 2 }))).toBeNull();
    await elsewhere('UPDATE agent_profiles SET tier = 2 WHERE user_id = $1', [ada]);
    expect(await roundAssigns(await waiting({ tier: 2 }))).toBe(ada);
    await elsewhere(`UPDATE agent_profiles SET capacity = '{"api": 0}' WHERE user_id = $1`, [ada]);
    expect(await roundAssigns(await waiting({ tier: 2 }))).toBeNull();
  });

  it('sees a disabled user, a changed role and a team switched to manual at the next round', async () => {
    expect(await roundAssigns(await waiting({ teamId }))).toBe(ben);
    await elsewhere(`UPDATE teams SET routing_mode = 'manual' WHERE id = $1`, [teamId]);
    expect(await roundAssigns(await waiting({ teamId }))).toBeNull();
    await elsewhere(`UPDATE teams SET routing_mode = 'auto' WHERE id = $1`, [teamId]);
    await elsewhere('UPDATE users SET disabled_at = now() WHERE id = $1', [ben]);
    expect(await roundAssigns(await waiting({ teamId }))).toBeNull();
    await elsewhere('UPDATE users SET disabled_at = NULL WHERE id = $1', [ben]);
    expect(await roundAssigns(await waiting({ teamId }))).toBe(ben);
    await elsewhere(`UPDATE users SET role = 'viewer' WHERE id = $1`, [ben]);
    expect(await roundAssigns(await waiting({ teamId }))).toBeNull();
  });

  it('lets a workspace be deleted with its people and teams, leaving no count behind', async () => {
    await elsewhere('DELETE FROM workspaces WHERE id = $1', [workspaceId]);
    const left = await elsewhere('SELECT count(*)::int AS n FROM routing_versions WHERE workspace_id = $1', [workspaceId]);
    expect(left.rows[0]).toEqual({ n: 0 });
  });
});
