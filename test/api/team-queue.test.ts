import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../support/backends.js';
import { api, createTenant, openStream, startTestParley, type Tenant, type TestParley } from '../support/parley.js';

const backend = backends()[0];

type Queue = { mode: string; waiting: { id: string; priority: string }[]; oldestWaitingSince: string | null; online: { id: string; name: string; free: Record<string, number> }[] };

describe('a team\'s queue and its routing mode', () => {
  let p: TestParley;
  let t: Tenant;

  beforeAll(async () => {
    if (!backend) throw new Error('no backend');
    p = await startTestParley(backend);
    t = await createTenant(p);
  });
  afterAll(async () => p.drop());

  it('keeps conversations of a manual team waiting and shows them in serving order, with who is online and their free room', async () => {
    const channel = (await api<{ id: string }>(p, 'POST', '/api/v1/channels', t.token, { type: 'api', name: 'Shop' })).body.id;
    const agent = (await api<{ id: string }>(p, 'POST', '/api/v1/users', t.token, { email: `q-${Date.now()}@example.de`, name: 'Quentin', role: 'agent', password: 'ein-sicheres-passwort' })).body.id;
    const team = (await api<{ id: string }>(p, 'POST', '/api/v1/teams', t.token, { name: 'Zweites Level', memberIds: [agent] })).body.id;
    expect((await api(p, 'PUT', `/api/v1/teams/${team}/routing`, t.tokens.viewer, { mode: 'manual' })).status).toBe(403);
    expect((await api(p, 'PUT', `/api/v1/teams/${team}/routing`, t.token, { mode: 'sometimes' })).status).toBe(400);
    expect((await api(p, 'PUT', `/api/v1/teams/${team}/routing`, t.token, { mode: 'manual' })).status).toBe(200);
    // Rules put every message into the team; the first customer is urgent.
    await api(p, 'POST', '/api/v1/rules', t.token, { name: 'Alles ins zweite Level', on: ['conversation.created'], when: { all: [] }, actions: [{ type: 'setTeam', teamId: team }] });
    await api(p, 'POST', '/api/v1/rules', t.token, { name: 'Anwalt dringend', on: ['conversation.created'], when: { field: 'text', op: 'contains', value: 'anwalt' }, actions: [{ type: 'setPriority', priority: 'urgent' }] });
    // Queue views learn of profile and presence changes from the live stream.
    const stream = await openStream(p, t.tokens.viewer);
    try {
      await api(p, 'PUT', `/api/v1/agents/${agent}/profile`, t.token, { tier: 2, languages: [], channelTypes: [], categories: [], capacity: { api: 3 } });
      await stream.waitFor((e) => e.type === 'agent.updated' && e.data.userId === agent && e.data.tier === 2);
      await api(p, 'PUT', `/api/v1/agents/${agent}/presence`, t.token, { presence: 'online' });
      await stream.waitFor((e) => e.type === 'agent.updated' && e.data.userId === agent && e.data.presence === 'online');
    } finally {
      stream.close();
    }

    const write = async (id: string, text: string) => (await api<{ conversationId: string }>(p, 'POST', `/api/v1/channels/${channel}/inbound`, t.token, { externalId: id, from: { id }, text })).body.conversationId;
    const first = await write('q1', 'Guten Tag, eine Frage.');
    const second = await write('q2', 'Ich schalte meinen Anwalt ein!');
    await new Promise((r) => setTimeout(r, 600));

    const queue = (await api<Queue>(p, 'GET', `/api/v1/teams/${team}/queue`, t.tokens.viewer)).body;
    expect(queue.mode).toBe('manual');
    expect(queue.waiting.map((w) => w.id)).toEqual([second, first]);
    expect(queue.oldestWaitingSince).not.toBeNull();
    expect(queue.online).toEqual([{ id: agent, name: 'Quentin', tier: 2, free: { api: 3 } }]);

    // Back to automatic: the waiting conversations are handed out, and the agent's room shrinks.
    expect((await api(p, 'PUT', `/api/v1/teams/${team}/routing`, t.token, { mode: 'auto' })).status).toBe(200);
    let after = queue;
    for (const end = Date.now() + 5_000; after.waiting.length > 0 && Date.now() < end; await new Promise((r) => setTimeout(r, 50))) {
      after = (await api<Queue>(p, 'GET', `/api/v1/teams/${team}/queue`, t.token)).body;
    }
    expect(after.waiting).toEqual([]);
    expect(after.online[0]?.free).toEqual({ api: 1 });
    expect((await api(p, 'GET', `/api/v1/teams/${team}/queue`, (await createTenant(p)).token)).status).toBe(404);
  });
});
