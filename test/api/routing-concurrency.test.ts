import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase, type DatabaseHandle } from '../../src/db/database.js';
import { createUser } from '../../src/db/users.js';
import { createWorkspace } from '../../src/db/workspaces.js';
import { assignRound, assignWaiting } from '../../src/inbox/auto-assign.js';
import { acceptInbound, type InboundChannel } from '../../src/pipeline/accept-inbound.js';
import { backends } from '../support/backends.js';

const backend = backends()[0];
const CAPACITY = 3;

// Two connection pools stand in for two processes on one database: each stores inbound messages
// and assigns them in the storing transaction, while each also runs the worker's rounds.
describe('assignment from two processes at once', () => {
  let database: DatabaseHandle & { drop(): Promise<void> };
  let other: DatabaseHandle;
  let workspaceId: string;
  let channel: InboundChannel;
  let agents: string[];
  let n = 0;

  const processes = () => [database.db, other.db];
  const write = (i: number, sender = `kunde-${n + 1}`) => acceptInbound(processes()[i % 2]!, channel, { externalId: `c-${++n}`, from: { id: sender }, text: 'Hallo, eine Frage.' }, [], undefined, assignRound);
  const assignees = async () =>
    database.db
      .selectFrom('conversations as c')
      .innerJoin('contactIdentities as i', 'i.contactId', 'c.contactId')
      .select(['c.id', 'c.assigneeId', 'c.status', 'i.value as sender'])
      .where('c.workspaceId', '=', workspaceId)
      .orderBy('c.createdAt')
      .orderBy('c.id')
      .execute();

  beforeAll(async () => {
    if (!backend) throw new Error('no backend');
    database = await backend.create();
    other = connectDatabase(database.url);
    workspaceId = (await createWorkspace(database.db, { slug: `conc-${process.pid}`, name: 'Concurrency' })).id;
    channel = await database.db.insertInto('channels').values({ workspaceId, type: 'api', name: 'API', settings: '{}' }).returning(['id', 'workspaceId', 'type', 'disabledAt']).executeTakeFirstOrThrow();
    agents = [];
    for (const name of ['Ada', 'Ben', 'Cem']) {
      const { id } = await createUser(database.db, workspaceId, { email: `${name.toLowerCase()}-${process.pid}@example.de`, name, role: 'agent' });
      await database.db.insertInto('agentProfiles').values({ userId: id, workspaceId, presence: 'online', tier: 1, capacity: JSON.stringify({ api: CAPACITY }) }).execute();
      agents.push(id);
    }
  });
  afterAll(async () => {
    await other?.close();
    await database?.drop();
  });

  it('never hands a conversation out twice nor fills an agent beyond capacity, and leaves nothing waiting while someone has room', async () => {
    await Promise.all([...Array.from({ length: 24 }, (_, i) => write(i)), ...Array.from({ length: 6 }, (_, i) => assignWaiting(processes()[i % 2]!, workspaceId))]);
    const rows = await assignees();
    expect(rows).toHaveLength(24);
    const perAgent = new Map<string, number>();
    for (const r of rows) if (r.assigneeId) perAgent.set(r.assigneeId, (perAgent.get(r.assigneeId) ?? 0) + 1);
    expect([...perAgent.keys()].sort()).toEqual([...agents].sort());
    expect([...perAgent.values()]).toEqual([CAPACITY, CAPACITY, CAPACITY]);

    const history = await database.db
      .selectFrom('conversationEvents')
      .select(['conversationId', 'data'])
      .where('workspaceId', '=', workspaceId)
      .where('type', '=', 'assigneeId.changed')
      .execute();
    expect(history).toHaveLength(agents.length * CAPACITY);
    const byConversation = new Map(rows.map((r) => [r.id, r.assigneeId]));
    for (const h of history) expect(h.data['to']).toBe(byConversation.get(h.conversationId));
    const announced = await database.db.selectFrom('outbox').select('data').where('workspaceId', '=', workspaceId).where('type', '=', 'conversation.updated').execute();
    expect(announced.filter((e) => e.data['assigneeId'] !== null)).toHaveLength(agents.length * CAPACITY);
  });

  it('gives room that frees up to the longest waiting conversation, not to the message that arrives next', async () => {
    const before = await assignees();
    const oldestWaiting = before.find((r) => r.assigneeId === null);
    const done = before.find((r) => r.assigneeId === agents[0]);
    if (!oldestWaiting || !done) throw new Error('expected a waiting and an assigned conversation');
    await database.db.updateTable('conversations').set({ status: 'resolved' }).where('id', '=', done.id).execute();
    const { conversationId } = await write(0);
    const after = new Map((await assignees()).map((r) => [r.id, r.assigneeId]));
    expect(after.get(oldestWaiting.id)).toBe(agents[0]);
    expect(after.get(conversationId)).toBeNull();
  });

  it('lets customers write again to waiting conversations while rounds hand them out, without transactions waiting on each other', async () => {
    await database.db.updateTable('conversations').set({ status: 'resolved' }).where('workspaceId', '=', workspaceId).where('assigneeId', 'is not', null).execute();
    const waiting = (await assignees()).filter((r) => r.status === 'open');
    expect(waiting.length).toBeGreaterThan(agents.length * CAPACITY);
    // Each message updates its waiting conversation before its own round; a round that waited for
    // such a row while holding the lock would deadlock with it.
    await Promise.all([...waiting.map((r, i) => write(i, r.sender)), ...Array.from({ length: 6 }, (_, i) => assignWaiting(processes()[i % 2]!, workspaceId))]);
    const open = (await assignees()).filter((r) => r.status === 'open');
    expect(open).toHaveLength(waiting.length);
    const perAgent = new Map<string, number>();
    for (const r of open) if (r.assigneeId) perAgent.set(r.assigneeId, (perAgent.get(r.assigneeId) ?? 0) + 1);
    expect([...perAgent.values()]).toEqual([CAPACITY, CAPACITY, CAPACITY]);
  });

  it('passes over a conversation another transaction holds instead of waiting for it, and assigns it once that commits', async () => {
    await database.db.updateTable('conversations').set({ status: 'resolved' }).where('workspaceId', '=', workspaceId).where('assigneeId', 'is not', null).execute();
    const [held, ...rest] = (await assignees()).filter((r) => r.status === 'open');
    if (!held) throw new Error('expected waiting conversations');
    expect(rest.length).toBeLessThan(agents.length * CAPACITY);
    let roundDone = false;
    await database.db.transaction().execute(async (trx) => {
      // As an inbound transaction does between storing a message and its own round.
      await trx.updateTable('conversations').set({ preview: 'Noch eine Nachricht' }).where('id', '=', held.id).execute();
      const round = assignWaiting(other.db, workspaceId).then((assigned) => {
        roundDone = true;
        return assigned;
      });
      // Waiting for this transaction would never end: it commits only after the round.
      await Promise.race([round, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      expect(roundDone).toBe(true);
      expect(await round).toBe(rest.length);
    });
    expect((await assignees()).find((r) => r.id === held.id)?.assigneeId).toBeNull();
    await database.db.updateTable('conversations').set({ status: 'resolved' }).where('workspaceId', '=', workspaceId).where('assigneeId', 'is not', null).execute();
    await assignWaiting(other.db, workspaceId);
    expect((await assignees()).find((r) => r.id === held.id)?.assigneeId).not.toBeNull();
  });
});
