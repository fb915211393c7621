import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../support/backends.js';
import { api, createTenant, startTestParley, type Tenant, type TestParley } from '../support/parley.js';

const backend = backends()[0];
type Conversation = { id: string; assigneeId: string | null; contactId: string };

describe('automatic assignment', () => {
  let p: TestParley;
  let t: Tenant;
  let channelId: string;
  let first: string;
  let second: string;
  let n = 0;

  const write = async (sender: string, text = 'Hallo, ich habe eine Frage.') => (await api<{ conversationId: string }>(p, 'POST', `/api/v1/channels/${channelId}/inbound`, t.token, { externalId: `r-${++n}`, from: { id: sender }, text })).body.conversationId;
  const conversation = async (id: string) => (await api<Conversation>(p, 'GET', `/api/v1/conversations/${id}`, t.token)).body;
  async function assigneeOf(id: string, timeoutMs = 5_000): Promise<string | null> {
    for (const until = Date.now() + timeoutMs; Date.now() < until; ) {
      const c = await conversation(id);
      if (c.assigneeId) return c.assigneeId;
      await new Promise((r) => setTimeout(r, 50));
    }
    return null;
  }
  const agent = async (name: string) => (await api<{ id: string }>(p, 'POST', '/api/v1/users', t.token, { email: `${name}-${Date.now()}@example.de`, name, role: 'agent', password: 'ein-sicheres-passwort' })).body.id;

  beforeAll(async () => {
    if (!backend) throw new Error('no backend');
    p = await startTestParley(backend);
    t = await createTenant(p);
    channelId = (await api<{ id: string }>(p, 'POST', '/api/v1/channels', t.token, { type: 'api', name: 'Chat' })).body.id;
    first = await agent('Ada');
    second = await agent('Ben');
    for (const [id, tier] of [[first, 1], [second, 2]] as const) {
      expect((await api(p, 'PUT', `/api/v1/agents/${id}/profile`, t.token, { tier, languages: [], channelTypes: [], categories: [], capacity: { api: 2 } })).status).toBe(200);
      expect((await api(p, 'PUT', `/api/v1/agents/${id}/presence`, t.token, { presence: 'online' })).status).toBe(200);
    }
  });
  afterAll(async () => p.drop());

  it('balances new conversations over online agents, never beyond capacity, and assigns a waiting one the moment room frees up', async () => {
    const ids = [await write('k1'), await write('k2'), await write('k3'), await write('k4')];
    const owners = await Promise.all(ids.map((id) => assigneeOf(id)));
    expect(owners.filter((o) => o === first)).toHaveLength(2);
    expect(owners.filter((o) => o === second)).toHaveLength(2);

    const waiting = await write('k5');
    await new Promise((r) => setTimeout(r, 500));
    expect((await conversation(waiting)).assigneeId).toBeNull();
    // Ada resolves one of hers: the waiting conversation goes to her at once, no sweep needed.
    const hers = ids[owners.indexOf(first)] ?? '';
    expect((await api(p, 'PATCH', `/api/v1/conversations/${hers}`, t.token, { status: 'resolved' })).status).toBe(200);
    expect(await assigneeOf(waiting, 3_000)).toBe(first);
  });

  const resolveAll = async (except: string[] = []) => {
    for (const c of (await api<{ items: Conversation[] }>(p, 'GET', '/api/v1/conversations?status=open,pending&limit=100', t.token)).body.items) {
      if (!except.includes(c.id)) await api(p, 'PATCH', `/api/v1/conversations/${c.id}`, t.token, { status: 'resolved' });
    }
  };

  it('gives a returning customer with a tier-2 case back to the agent who handled it', async () => {
    await resolveAll();
    const before = await write('vip-kundin', 'Kündigung! Ich bin sehr verärgert.');
    const owner = await assigneeOf(before);
    expect(owner).not.toBeNull();
    const note = { tier: 2, handoverNote: 'Kündigungsfall, Kundin kennt den Verlauf.', assigneeId: second };
    expect((await api(p, 'PATCH', `/api/v1/conversations/${before}`, t.token, note)).status).toBe(200);
    expect((await api(p, 'PATCH', `/api/v1/conversations/${before}`, t.token, { status: 'closed' })).status).toBe(200);
    // Ben has more to do than Ada, so only the fixed-contact rule sends it to him.
    await resolveAll();
    const busy = await write('jemand-anderes');
    await assigneeOf(busy);
    expect((await api(p, 'PATCH', `/api/v1/conversations/${busy}`, t.token, { assigneeId: second })).status).toBe(200);
    const again = await write('vip-kundin', 'Ich schreibe noch einmal wegen meiner Kündigung.');
    expect(await assigneeOf(again)).toBe(second);
  });

  it('assigns nothing while nobody is online', async () => {
    await resolveAll();
    for (const id of [first, second]) await api(p, 'PUT', `/api/v1/agents/${id}/presence`, t.token, { presence: 'away' });
    const alone = await write('nachts');
    await new Promise((r) => setTimeout(r, 500));
    expect((await conversation(alone)).assigneeId).toBeNull();
    await api(p, 'PUT', `/api/v1/agents/${first}/presence`, t.token, { presence: 'online' });
    expect(await assigneeOf(alone, 3_000)).toBe(first);
  });

  it('lets only admins set profiles, and validates them', async () => {
    expect((await api(p, 'PUT', `/api/v1/agents/${first}/profile`, t.tokens.agent, { tier: 1, languages: [], channelTypes: [], categories: [], capacity: {} })).status).toBe(403);
    expect((await api(p, 'PUT', `/api/v1/agents/${first}/profile`, t.token, { tier: 4, languages: [], channelTypes: [], categories: [], capacity: {} })).status).toBe(400);
    const agents = await api<{ items: { id: string; presence: string; capacity: Record<string, number> }[] }>(p, 'GET', '/api/v1/agents', t.tokens.viewer);
    expect(agents.body.items.find((a) => a.id === first)).toMatchObject({ presence: 'online', capacity: { api: 2 } });
  });
});
