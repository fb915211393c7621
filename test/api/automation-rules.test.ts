import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../support/backends.js';
import { api, createTenant, openStream, startTestParley, type StreamClient, type Tenant, type TestParley } from '../support/parley.js';

const backend = backends()[0];

type Conversation = { id: string; assigneeId: string | null; contactId: string; tier: number; teamId: string | null; priority: string; labels: string[]; firstResponseAt: string | null };
type Message = { direction: string; text: string; meta: Record<string, unknown> };
type HistoryEntry = { type: string; data: Record<string, unknown> };
type Rule = { id: string; name: string; position: number };

describe('automation rules in the running system', () => {
  let p: TestParley;
  let t: Tenant;
  let channelId: string;
  let n = 0;

  const write = async (sender: string, text: string, name?: string) =>
    (await api<{ conversationId: string }>(p, 'POST', `/api/v1/channels/${channelId}/inbound`, t.token, { externalId: `a-${++n}`, from: { id: sender, ...(name && { name }) }, text })).body.conversationId;
  const conversation = async (id: string) => (await api<Conversation & { messages: Message[] }>(p, 'GET', `/api/v1/conversations/${id}`, t.token)).body;
  const history = async (id: string) => (await api<{ items: HistoryEntry[] }>(p, 'GET', `/api/v1/conversations/${id}/events`, t.token)).body.items;
  const agent = async (name: string) => (await api<{ id: string }>(p, 'POST', '/api/v1/users', t.token, { email: `${name}-${Date.now()}@example.de`, name, role: 'agent', password: 'ein-sicheres-passwort' })).body.id;
  const profile = (id: string, tier: number, extra: Record<string, unknown> = {}) =>
    api(p, 'PUT', `/api/v1/agents/${id}/profile`, t.token, { tier, languages: [], channelTypes: [], categories: [], capacity: { api: 5 }, ...extra });
  const presence = (id: string, value: 'online' | 'offline') => api(p, 'PUT', `/api/v1/agents/${id}/presence`, t.token, { presence: value });
  async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 5_000): Promise<T> {
    let value = await read();
    for (const end = Date.now() + timeoutMs; !ok(value) && Date.now() < end; ) {
      await new Promise((r) => setTimeout(r, 50));
      value = await read();
    }
    return value;
  }
  const clearRules = async () => {
    for (const r of (await api<{ items: Rule[] }>(p, 'GET', '/api/v1/rules', t.token)).body.items) await api(p, 'DELETE', `/api/v1/rules/${r.id}`, t.token);
  };
  const offlineAll = async () => {
    for (const a of (await api<{ items: { id: string }[] }>(p, 'GET', '/api/v1/agents', t.token)).body.items) await presence(a.id, 'offline');
  };

  beforeAll(async () => {
    if (!backend) throw new Error('no backend');
    p = await startTestParley(backend);
    t = await createTenant(p);
    channelId = (await api<{ id: string }>(p, 'POST', '/api/v1/channels', t.token, { type: 'api', name: 'Shop' })).body.id;
  });
  afterAll(async () => p.drop());

  it('sets tier 2 and the team for an angry German cancellation from a VIP, and the fixed contact person gets it', async () => {
    const [ada, ben] = [await agent('Ada'), await agent('Ben')];
    const team = (await api<{ id: string }>(p, 'POST', '/api/v1/teams', t.token, { name: 'Kündigungen', memberIds: [ada, ben] })).body.id;
    for (const id of [ada, ben]) {
      expect((await profile(id, 2)).status).toBe(200);
      expect((await presence(id, 'online')).status).toBe(200);
    }
    // Last time Ben handled this customer.
    const earlier = await write('vip-1', 'Guten Tag, eine kurze Frage zu meinem Tarif.', 'Vera Wichtig');
    await until(() => conversation(earlier), (c) => c.assigneeId !== null);
    await api(p, 'PATCH', `/api/v1/conversations/${earlier}`, t.token, { assigneeId: ben });
    await api(p, 'PATCH', `/api/v1/conversations/${earlier}`, t.token, { status: 'closed' });
    const { contactId } = await conversation(earlier);
    expect((await api(p, 'PATCH', `/api/v1/contacts/${contactId}`, t.token, { tags: ['VIP'] })).status).toBe(200);
    // Ben is busier than Ada, so only the fixed-contact rule sends the customer to him.
    const other = await write('someone', 'Hallo, wie sind Ihre Öffnungszeiten?');
    await until(() => conversation(other), (c) => c.assigneeId !== null);
    await api(p, 'PATCH', `/api/v1/conversations/${other}`, t.token, { assigneeId: ben });

    const rule = {
      name: 'Verärgerte VIP-Kündigung',
      on: ['message.received'],
      when: { all: [{ field: 'language', op: 'eq', value: 'de' }, { field: 'sentiment', op: 'eq', value: 'negative' }, { field: 'text', op: 'contains', value: ['kündig'] }, { field: 'contact.vip', op: 'eq', value: true }] },
      actions: [{ type: 'setTier', tier: 2 }, { type: 'setTeam', teamId: team }],
    };
    const created = await api<Rule>(p, 'POST', '/api/v1/rules', t.token, rule);
    expect(created.status).toBe(201);

    const angry = await write('vip-1', 'Ich kündige meinen Vertrag sofort! Das ist eine Frechheit, ich bin extrem verärgert.');
    const routed = await until(() => conversation(angry), (c) => c.assigneeId !== null);
    expect(routed).toMatchObject({ tier: 2, teamId: team, assigneeId: ben });
    const entries = await history(angry);
    expect(entries.find((e) => e.type === 'rule.fired')?.data).toMatchObject({ ruleId: created.body.id, rule: 'Verärgerte VIP-Kündigung', actions: ['setTier', 'setTeam'] });
    expect(entries.find((e) => e.type === 'tier.changed')?.data).toMatchObject({ from: 1, to: 2, reason: 'rule', ruleId: created.body.id });
    expect(entries.find((e) => e.type === 'assigneeId.changed')?.data).toMatchObject({ to: ben, reason: 'sticky-owner' });

    // The same words from a customer who is no VIP leave tier and team alone.
    const plain = await write('normal-1', 'Ich kündige meinen Vertrag sofort! Das ist eine Frechheit, ich bin extrem verärgert.');
    expect(await conversation(plain)).toMatchObject({ tier: 1, teamId: null });
    await clearRules();
  });

  it('auto-replies with a template once, even though the reply itself contains the keyword', async () => {
    const template = (await api<{ id: string }>(p, 'POST', '/api/v1/canned-responses', t.token, { title: 'Rücksendung', body: 'Hallo {{contact.firstName}}, Ihre Rücksendung ist angemeldet.' })).body.id;
    const on = ['message.received', 'conversation.created', 'conversation.updated'];
    expect((await api(p, 'POST', '/api/v1/rules', t.token, { name: 'Rücksendung', on, when: { field: 'text', op: 'contains', value: 'rücksendung' }, actions: [{ type: 'autoReply', templateId: template }] })).status).toBe(201);
    // A second rule answering the same message: the customer still gets one automatic answer.
    expect((await api(p, 'POST', '/api/v1/rules', t.token, { name: 'Auch Rücksendung', on, when: { field: 'text', op: 'contains', value: 'RÜCKSENDUNG' }, actions: [{ type: 'autoReply', templateId: template }] })).status).toBe(201);

    const id = await write('ret-1', 'Ich möchte eine Rücksendung anmelden.', 'Rita Retoure');
    await new Promise((r) => setTimeout(r, 800));
    const c = await conversation(id);
    const replies = c.messages.filter((m) => m.direction === 'outbound');
    expect(replies.map((m) => m.text)).toEqual(['Hallo Rita, Ihre Rücksendung ist angemeldet.']);
    expect(replies[0]?.meta).toHaveProperty('automatic');
    // An automatic answer is not the team's response.
    expect(c.firstResponseAt).toBeNull();
    expect((await history(id)).filter((e) => e.type === 'rule.fired')).toHaveLength(1);
    await clearRules();
  });

  it('runs conversation.updated rules on agents\' changes, and the changes rules make run no rules', async () => {
    await offlineAll();
    const rules = [
      { name: 'Dringend markieren', on: ['conversation.updated'], when: { field: 'priority', op: 'eq', value: 'urgent' }, actions: [{ type: 'addLabels', labels: ['eskalation'] }, { type: 'setPriority', priority: 'high' }] },
      // Would flip the priority back on every change if rules re-triggered each other.
      { name: 'Hoch wird dringend', on: ['conversation.updated'], when: { field: 'priority', op: 'eq', value: 'high' }, actions: [{ type: 'addNote', text: 'hoch' }] },
    ];
    for (const r of rules) expect((await api(p, 'POST', '/api/v1/rules', t.token, r)).status).toBe(201);
    const id = await write('upd-1', 'Hallo, eine Frage.');
    expect((await api(p, 'PATCH', `/api/v1/conversations/${id}`, t.token, { priority: 'urgent' })).status).toBe(200);
    const c = await conversation(id);
    // The first rule ran on the agent's change; the second saw its result in the same run, once.
    expect(c.labels).toEqual(['eskalation']);
    expect(c.priority).toBe('high');
    expect(c.messages.filter((m) => m.direction === 'note').map((m) => m.text)).toEqual(['hoch']);
    expect((await history(id)).filter((e) => e.type === 'rule.fired')).toHaveLength(2);
    await clearRules();
  });

  it('tests a rule set against a conversation without doing anything', async () => {
    const id = await write('probe-1', 'Meine Rechnung ist doppelt abgebucht worden, bitte erstatten Sie den Betrag.');
    const before = await conversation(id);
    const draft = [
      { id: 'r1', name: 'Rechnungen', position: 0, enabled: true, on: ['message.received'], when: { field: 'category', op: 'eq', value: 'billing' }, actions: [{ type: 'setPriority', priority: 'high' }, { type: 'addLabels', labels: ['buchhaltung'] }] },
      { id: 'r2', name: 'Lieferung', position: 1, enabled: true, on: ['message.received'], when: { field: 'category', op: 'eq', value: 'delivery' }, actions: [{ type: 'setTier', tier: 3 }] },
    ];
    const res = await api<{ rules: { ruleId: string; name: string; fired: boolean }[]; actions: { ruleId: string; type: string }[]; changes: Record<string, unknown> }>(p, 'POST', '/api/v1/rules/test', t.tokens.viewer, { conversationId: id, rules: draft });
    expect(res.status).toBe(200);
    expect(res.body.rules).toEqual([{ ruleId: 'r1', name: 'Rechnungen', fired: true }, { ruleId: 'r2', name: 'Lieferung', fired: false }]);
    expect(res.body.actions).toEqual([{ ruleId: 'r1', type: 'setPriority', priority: 'high' }, { ruleId: 'r1', type: 'addLabels', labels: ['buchhaltung'] }]);
    expect(res.body.changes).toEqual({ priority: 'high', labels: ['buchhaltung'] });
    const after = await conversation(id);
    expect({ priority: after.priority, labels: after.labels }).toEqual({ priority: before.priority, labels: before.labels });
    expect((await history(id)).some((e) => e.type === 'rule.fired')).toBe(false);

    // The stored rules run when none are sent.
    const stored = await api<Rule>(p, 'POST', '/api/v1/rules', t.token, { ...draft[0], id: undefined, position: undefined });
    expect(stored.status).toBe(201);
    const again = await api<{ rules: { ruleId: string; fired: boolean }[] }>(p, 'POST', '/api/v1/rules/test', t.token, { conversationId: id });
    expect(again.body.rules).toEqual([{ ruleId: stored.body.id, name: 'Rechnungen', fired: true }]);

    // Bad input: an unknown field in a rule, a conversation of another workspace.
    const bad = await api<{ error: { code: string } }>(p, 'POST', '/api/v1/rules/test', t.token, { conversationId: id, rules: [{ ...draft[0], when: { field: 'mood', op: 'eq', value: 'x' } }] });
    expect(bad.status).toBe(400);
    const other = await createTenant(p);
    expect((await api(p, 'POST', '/api/v1/rules/test', other.token, { conversationId: id })).status).toBe(404);
    await clearRules();
  });

  it('lets only admins write rules, orders them, and refuses what does not fit', async () => {
    const rule = (name: string, priority: string) => ({ name, on: ['message.received'], when: { all: [] }, actions: [{ type: 'setPriority', priority }] });
    for (const role of ['viewer', 'agent'] as const) {
      expect((await api(p, 'POST', '/api/v1/rules', t.tokens[role], rule('Nein', 'low'))).status).toBe(403);
    }
    const a = (await api<Rule>(p, 'POST', '/api/v1/rules', t.token, rule('Erst niedrig', 'low'))).body;
    const b = (await api<Rule>(p, 'POST', '/api/v1/rules', t.token, rule('Dann dringend', 'urgent'))).body;
    expect([a.position, b.position]).toEqual([0, 1]);
    for (const role of ['viewer', 'agent'] as const) {
      expect((await api(p, 'PUT', `/api/v1/rules/${a.id}`, t.tokens[role], rule('Nein', 'low'))).status).toBe(403);
      expect((await api(p, 'DELETE', `/api/v1/rules/${a.id}`, t.tokens[role])).status).toBe(403);
      expect((await api(p, 'POST', '/api/v1/rules/reorder', t.tokens[role], { ids: [b.id, a.id] })).status).toBe(403);
    }
    expect((await api<{ items: Rule[] }>(p, 'GET', '/api/v1/rules', t.tokens.viewer)).body.items.map((r) => r.name)).toEqual(['Erst niedrig', 'Dann dringend']);

    // Later rules see and overrule earlier ones: the order decides.
    expect((await conversation(await write('ord-1', 'Hallo'))).priority).toBe('urgent');
    const reordered = await api<{ items: Rule[] }>(p, 'POST', '/api/v1/rules/reorder', t.token, { ids: [b.id, a.id] });
    expect(reordered.body.items.map((r) => r.name)).toEqual(['Dann dringend', 'Erst niedrig']);
    expect((await conversation(await write('ord-2', 'Hallo'))).priority).toBe('low');
    // Disabled, a rule does nothing.
    expect((await api(p, 'PUT', `/api/v1/rules/${a.id}`, t.token, { ...rule('Erst niedrig', 'low'), enabled: false })).status).toBe(200);
    expect((await conversation(await write('ord-3', 'Hallo'))).priority).toBe('urgent');

    expect((await api(p, 'POST', '/api/v1/rules/reorder', t.token, { ids: [a.id] })).status).toBe(400);
    const foreignTeam = (await api<{ id: string }>(p, 'POST', '/api/v1/teams', (await createTenant(p)).token, { name: 'Fremd' })).body.id;
    const refused = await api<{ error: { code: string } }>(p, 'POST', '/api/v1/rules', t.token, { ...rule('Fremdes Team', 'low'), actions: [{ type: 'setTeam', teamId: foreignTeam }] });
    expect(refused.status).toBe(400);
    expect((await api(p, 'POST', '/api/v1/rules', t.token, { ...rule('Kaputt', 'low'), when: { field: 'tier', op: 'contains', value: 2 } })).status).toBe(400);
    expect((await api<{ items: Rule[] }>(p, 'GET', '/api/v1/rules', t.token)).body.items).toHaveLength(2);
    await clearRules();
  });

  it('notifies people on the live stream when a rule says so', async () => {
    const lead = await agent('Lena');
    const stream: StreamClient = await openStream(p, t.token);
    try {
      expect((await api(p, 'POST', '/api/v1/rules', t.token, { name: 'Presse', on: ['message.received'], when: { field: 'text', op: 'contains', value: ['presse', 'anwalt'] }, actions: [{ type: 'notify', to: [lead], message: 'Presseanfrage' }] })).status).toBe(201);
      const id = await write('press-1', 'Ich wende mich an die Presse.');
      await stream.waitFor((e) => e.type === 'notification');
      expect(stream.events.find((e) => e.type === 'notification')?.data).toMatchObject({ kind: 'rule', userIds: [lead], conversationId: id, message: 'Presseanfrage' });
      expect((await history(id)).find((e) => e.type === 'notification.sent')?.data).toMatchObject({ userIds: [lead] });
    } finally {
      stream.close();
      await clearRules();
    }
  });

  it("reads the customer's lifetime value for a rule on it, and acts on an edited rule at the next message", async () => {
    await clearRules();
    await offlineAll();
    const rule = { name: 'Stammkunden', on: ['conversation.created', 'message.received'], when: { field: 'contact.lifetimeValue', op: 'gt', value: 50 }, actions: [{ type: 'addLabels', labels: ['stammkunde'] }] };
    const created = await api<{ id: string }>(p, 'POST', '/api/v1/rules', t.token, rule);
    expect(created.status).toBe(201);
    const id = await write('ltv-1', 'Hallo, eine Frage zur Lieferung.');
    expect((await conversation(id)).labels).toEqual([]);
    const { contactId } = await conversation(id);
    const day = new Date(Date.now() - 20 * 86_400_000).toISOString().slice(0, 10);
    const imported = await api(p, 'POST', `/api/v1/contacts/${contactId}/orders`, t.token, { orders: [{ id: 'L-1', date: day, amount: 80, currency: 'EUR', status: 'delivered' }] });
    expect(imported.status).toBe(200);
    expect(await write('ltv-1', 'Und noch etwas.')).toBe(id);
    expect((await conversation(id)).labels).toEqual(['stammkunde']);
    const edited = await api(p, 'PUT', `/api/v1/rules/${created.body.id}`, t.token, { ...rule, actions: [{ type: 'addLabels', labels: ['treu'] }] });
    expect(edited.status).toBe(200);
    await write('ltv-1', 'Eine letzte Frage.');
    expect((await conversation(id)).labels).toEqual(['stammkunde', 'treu']);
    await clearRules();
  });
});

describe('live routing uses skills and tells the fixed contact person', () => {
  let p: TestParley;
  let t: Tenant;
  let channelId: string;
  let n = 0;
  const write = async (sender: string, text: string) => (await api<{ conversationId: string }>(p, 'POST', `/api/v1/channels/${channelId}/inbound`, t.token, { externalId: `s-${++n}`, from: { id: sender }, text })).body.conversationId;
  const assignee = async (id: string, timeoutMs = 5_000) => {
    for (const end = Date.now() + timeoutMs; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) {
      const c = (await api<Conversation>(p, 'GET', `/api/v1/conversations/${id}`, t.token)).body;
      if (c.assigneeId) return c.assigneeId;
    }
    return null;
  };
  const agent = async (name: string) => (await api<{ id: string }>(p, 'POST', '/api/v1/users', t.token, { email: `${name}-${Date.now()}@example.de`, name, role: 'agent', password: 'ein-sicheres-passwort' })).body.id;

  beforeAll(async () => {
    if (!backend) throw new Error('no backend');
    p = await startTestParley(backend);
    t = await createTenant(p);
    channelId = (await api<{ id: string }>(p, 'POST', '/api/v1/channels', t.token, { type: 'api', name: 'Shop' })).body.id;
  });
  afterAll(async () => p.drop());

  it('gives a billing question to the agent with the billing skill and a labelled product to the agent who knows it', async () => {
    const billing = await agent('Bea');
    const delivery = await agent('Dirk');
    await api(p, 'PUT', `/api/v1/agents/${billing}/profile`, t.token, { tier: 1, languages: [], channelTypes: [], categories: ['billing', 'question', 'other'], products: ['Modem M2'], capacity: { api: 5 } });
    await api(p, 'PUT', `/api/v1/agents/${delivery}/profile`, t.token, { tier: 1, languages: [], channelTypes: [], categories: ['delivery', 'question', 'other'], products: ['Router X1'], capacity: { api: 5 } });
    for (const id of [billing, delivery]) await api(p, 'PUT', `/api/v1/agents/${id}/presence`, t.token, { presence: 'online' });
    for (let i = 0; i < 3; i++) {
      expect(await assignee(await write(`bill-${i}`, 'Meine Rechnung ist doppelt abgebucht worden, bitte erstatten Sie den Betrag.'))).toBe(billing);
      expect(await assignee(await write(`ship-${i}`, 'Das Paket ist nicht angekommen, wo bleibt meine Lieferung?'))).toBe(delivery);
    }

    // The product comes from a label naming a product of the brand profile; a rule sets it here.
    expect((await api(p, 'PUT', '/api/v1/workspace/brand-profile', t.token, { names: ['Netzwerk AG'], products: ['Router X1'], terms: [] })).status).toBe(200);
    expect((await api(p, 'POST', '/api/v1/rules', t.token, { name: 'Router', on: ['conversation.created'], when: { field: 'text', op: 'contains', value: 'x1' }, actions: [{ type: 'addLabels', labels: ['Router X1'] }] })).status).toBe(201);
    for (let i = 0; i < 2; i++) {
      const id = await write(`x1-${i}`, 'Eine Frage zum Router X1: wie setze ich ihn zurück?');
      expect(await assignee(id)).toBe(delivery);
    }
  });

  it('tells the fixed contact person, once, when their customer writes while they are away', async () => {
    const owner = await agent('Olga');
    await api(p, 'PUT', `/api/v1/agents/${owner}/profile`, t.token, { tier: 2, languages: [], channelTypes: [], categories: [], capacity: { api: 5 } });
    await api(p, 'PUT', `/api/v1/agents/${owner}/presence`, t.token, { presence: 'online' });
    const first = await write('stammkundin', 'Eine Frage zu meinem Tarif.');
    await assignee(first);
    await api(p, 'PATCH', `/api/v1/conversations/${first}`, t.token, { assigneeId: owner, tier: 2, handoverNote: 'Schwieriger Fall.' });
    await api(p, 'PATCH', `/api/v1/conversations/${first}`, t.token, { status: 'closed' });
    await api(p, 'PUT', `/api/v1/agents/${owner}/presence`, t.token, { presence: 'away' });

    const stream = await openStream(p, t.token);
    try {
      const again = await write('stammkundin', 'Eine weitere Frage zu meinem Tarif, bitte.');
      await stream.waitFor((e) => e.type === 'notification');
      expect(stream.events.find((e) => e.type === 'notification')?.data).toMatchObject({ kind: 'owner', userIds: [owner], conversationId: again });
      await new Promise((r) => setTimeout(r, 500));
      const entries = (await api<{ items: HistoryEntry[] }>(p, 'GET', `/api/v1/conversations/${again}/events`, t.token)).body.items;
      expect(entries.filter((e) => e.type === 'owner.notified').map((e) => e.data)).toEqual([{ ownerId: owner }]);
    } finally {
      stream.close();
    }
  });
});
