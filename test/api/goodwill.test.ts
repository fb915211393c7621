import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../support/backends.js';
import { api, createTenant, startTestParley, type Tenant, type TestParley } from '../support/parley.js';

const backend = backends()[0];

interface Reason {
  code: string;
  params: Record<string, string | number>;
  de: string;
  en: string;
}
interface Recommendation {
  type: string;
  amount: number;
  currency: string;
  reasons: Reason[];
  inputs: { category: string | null; sentiment: string | null; repeatContacts: number; reach: { public: boolean; followers: number } };
}

const ANGRY = 'Das ist eine Frechheit! Meine Bestellung ist kaputt angekommen und niemand antwortet. Ich will mein Geld zurück, sofort!';
const policy = { acquisitionCost: 40, currency: 'EUR', caps: { voucher: 150, refund: 500, gift: 50, free_shipping: 15 }, approvalLimits: { agent: 50 } };
const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString().slice(0, 10);

describe('goodwill recommendation through the API', () => {
  let p: TestParley;
  let t: Tenant;
  let channelId: string;
  let n = 0;

  /** A new customer's conversation; `sender` and `thread` let one customer open several. */
  async function complain(text: string, options: { sender?: string; thread?: string; visibility?: 'public' | 'private' } = {}): Promise<{ conversationId: string; contactId: string }> {
    n += 1;
    const sender = options.sender ?? `customer-${n}`;
    const r = await api<{ conversationId: string }>(p, 'POST', `/api/v1/channels/${channelId}/inbound`, t.token, {
      externalId: `gw-${n}`,
      from: { id: sender, name: `Kunde ${sender}` },
      text,
      threadKey: options.thread ?? `thread-${n}`,
      ...(options.visibility && { visibility: options.visibility }),
    });
    const c = await api<{ contactId: string }>(p, 'GET', `/api/v1/conversations/${r.body.conversationId}`, t.token);
    return { conversationId: r.body.conversationId, contactId: c.body.contactId };
  }
  const recommend = async (conversationId: string, token = t.tokens.agent) => {
    const r = await api<Recommendation>(p, 'GET', `/api/v1/conversations/${conversationId}/goodwill`, token);
    expect(r.status).toBe(200);
    return r.body;
  };

  beforeAll(async () => {
    if (!backend) throw new Error('no backend');
    p = await startTestParley(backend);
    t = await createTenant(p);
    channelId = (await api<{ id: string }>(p, 'POST', '/api/v1/channels', t.token, { type: 'api', name: 'Shop' })).body.id;
  });
  afterAll(async () => p.drop());

  it('keeps the policy for admins: defaults first, validated changes after', async () => {
    const initial = await api(p, 'GET', '/api/v1/workspace/goodwill-policy', t.token);
    expect(initial.body).toEqual({ acquisitionCost: 40, currency: 'EUR', caps: { voucher: 150, refund: 500, gift: 50, free_shipping: 15 }, approvalLimits: { agent: 50 } });
    expect((await api(p, 'GET', '/api/v1/workspace/goodwill-policy', t.tokens.agent)).status).toBe(403);
    expect((await api(p, 'PUT', '/api/v1/workspace/goodwill-policy', t.tokens.agent, policy)).status).toBe(403);
    expect((await api(p, 'PUT', '/api/v1/workspace/goodwill-policy', t.token, { ...policy, acquisitionCost: -1 })).status).toBe(400);
    expect((await api(p, 'PUT', '/api/v1/workspace/goodwill-policy', t.token, { ...policy, currency: 'euro' })).status).toBe(400);
    expect((await api(p, 'PUT', '/api/v1/workspace/goodwill-policy', t.token, { ...policy, caps: { ...policy.caps, cash: 10 } })).status).toBe(400);
    const saved = await api(p, 'PUT', '/api/v1/workspace/goodwill-policy', t.token, { ...policy, acquisitionCost: 60 });
    expect(saved.status).toBe(200);
    expect((await api(p, 'GET', '/api/v1/workspace/goodwill-policy', t.token)).body).toEqual({ ...policy, acquisitionCost: 60 });
    await api(p, 'PUT', '/api/v1/workspace/goodwill-policy', t.token, policy);
  });

  it('recommends a voucher for an angry complaint and explains why, in German and English', async () => {
    const { conversationId } = await complain(ANGRY);
    const r = await recommend(conversationId);
    expect(r.inputs).toMatchObject({ category: 'complaint', sentiment: 'negative', repeatContacts: 0, reach: { public: false, followers: 0 } });
    // Severity 0.4 (complaint) + 0.3 (negative) of the 40 € acquisition cost.
    expect(r).toMatchObject({ type: 'voucher', amount: 28, currency: 'EUR' });
    expect(r.reasons.map((x) => x.code)).toEqual(['category', 'sentiment.negative', 'acquisition_cost', 'type.preferred']);
    expect(r.reasons[1]).toMatchObject({ de: 'Der Kunde ist verärgert (negativer Ton).', en: 'The customer is upset (negative tone).' });
  });

  it('offers more to a valuable customer than to a new one with the same complaint', async () => {
    const fresh = await complain(ANGRY);
    const loyal = await complain(ANGRY);
    const orders = Array.from({ length: 8 }, (_, i) => ({ id: `L-${i}`, date: daysAgo(20 + i * 45), amount: 150, currency: 'EUR', status: 'delivered' }));
    expect((await api(p, 'POST', `/api/v1/contacts/${loyal.contactId}/orders`, t.tokens.agent, { orders })).status).toBe(200);
    const forFresh = await recommend(fresh.conversationId);
    const forLoyal = await recommend(loyal.conversationId);
    expect(forLoyal.amount).toBeGreaterThan(forFresh.amount);
    expect(forLoyal.reasons.find((x) => x.code === 'lifetime_value')?.params.currency).toBe('EUR');
  });

  it('weighs repeat contacts within 90 days', async () => {
    const first = await complain(ANGRY, { sender: 'repeat-1', thread: 'r-a' });
    const once = await recommend(first.conversationId);
    await complain('Ich warte immer noch auf eine Antwort!', { sender: 'repeat-1', thread: 'r-b' });
    const third = await complain(ANGRY, { sender: 'repeat-1', thread: 'r-c' });
    const r = await recommend(third.conversationId);
    expect(r.inputs.repeatContacts).toBe(2);
    expect(r.reasons.find((x) => x.code === 'repeat_contacts')?.params.count).toBe(2);
    expect(r.amount).toBeGreaterThan(once.amount);
  });

  it('weighs public reach: a public complaint counts more, and more so with many followers', async () => {
    const hidden = await complain(ANGRY, { visibility: 'private' });
    const open = await complain(ANGRY, { visibility: 'public' });
    const a = await recommend(hidden.conversationId);
    const b = await recommend(open.conversationId);
    expect(b.inputs.reach).toEqual({ public: true, followers: 0 });
    expect(b.amount).toBeGreaterThan(a.amount);
    await api(p, 'PATCH', `/api/v1/contacts/${open.contactId}`, t.tokens.agent, { attributes: { followers: 250_000 } });
    const c = await recommend(open.conversationId);
    expect(c.inputs.reach.followers).toBe(250_000);
    expect(c.amount).toBeGreaterThan(b.amount);
    expect(c.reasons.find((x) => x.code === 'public_reach')?.en).toBe('The complaint is public (250,000 followers).');
  });

  it('chooses the type by the case: praise gets a gift and no amount', async () => {
    const { conversationId } = await complain('Danke, ihr seid super! Tolles Produkt.');
    expect(await recommend(conversationId)).toMatchObject({ type: 'gift', amount: 0 });
  });

  it('answers only inside the workspace', async () => {
    const { conversationId } = await complain(ANGRY);
    const stranger = await createTenant(p);
    expect((await api(p, 'GET', `/api/v1/conversations/${conversationId}/goodwill`, stranger.token)).status).toBe(404);
    expect((await api(p, 'GET', `/api/v1/conversations/${conversationId}/goodwill`, null)).status).toBe(401);
  });
});

type Problem = { error: { code: string; message: string; details: Record<string, unknown> } };
interface Grant {
  id: string;
  type: string;
  amount: number;
  voucherCode: string | null;
  department: string;
  budget: { monthly: number; spent: number; remaining: number };
}

describe('goodwill grants within budgets and approval limits', () => {
  let p: TestParley;
  let t: Tenant;
  let conversationId: string;
  let contactId: string;
  let channelId: string;

  beforeAll(async () => {
    if (!backend) throw new Error('no backend');
    p = await startTestParley(backend);
    t = await createTenant(p);
    channelId = (await api<{ id: string }>(p, 'POST', '/api/v1/channels', t.token, { type: 'api', name: 'Shop' })).body.id;
    const r = await api<{ conversationId: string }>(p, 'POST', `/api/v1/channels/${channelId}/inbound`, t.token, { externalId: 'g-1', from: { id: 'angry' }, text: ANGRY });
    conversationId = r.body.conversationId;
    contactId = (await api<{ contactId: string }>(p, 'GET', `/api/v1/conversations/${conversationId}`, t.token)).body.contactId;
    await api(p, 'PUT', '/api/v1/workspace/goodwill-policy', t.token, policy);
  });
  afterAll(async () => p.drop());

  const grant = (token: string, body: Record<string, unknown>) => api<Grant & Problem>(p, 'POST', `/api/v1/conversations/${conversationId}/goodwill`, token, { type: 'voucher', currency: 'EUR', reason: 'Paket kam beschädigt an', department: 'service', ...body });

  it('lets only admins set budgets, and shows what is left', async () => {
    expect((await api(p, 'PUT', '/api/v1/workspace/goodwill-budgets', t.tokens.agent, { budgets: [{ department: 'service', monthly: 100 }] })).status).toBe(403);
    expect((await api(p, 'PUT', '/api/v1/workspace/goodwill-budgets', t.token, { budgets: [{ department: 'service', monthly: 100 }, { department: 'Service', monthly: 5 }] })).status).toBe(400);
    const saved = await api(p, 'PUT', '/api/v1/workspace/goodwill-budgets', t.token, { budgets: [{ department: 'service', monthly: 100 }, { department: 'marketing', monthly: 50 }] });
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({
      currency: 'EUR',
      budgets: [
        { department: 'service', monthly: 100, spent: 0, remaining: 100, currency: 'EUR' },
        { department: 'marketing', monthly: 50, spent: 0, remaining: 50, currency: 'EUR' },
      ],
    });
    expect((await api(p, 'GET', '/api/v1/workspace/goodwill-budgets', t.tokens.viewer)).status).toBe(403);
  });

  it('grants a voucher with an unguessable code, recorded on the contact and counted against the budget', async () => {
    const first = await grant(t.tokens.agent, { amount: 30 });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ type: 'voucher', amount: 30, department: 'service', budget: { monthly: 100, spent: 30, remaining: 70 } });
    expect(first.body.voucherCode).toMatch(/^GW-[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    const shipping = await grant(t.tokens.agent, { type: 'free_shipping', amount: '4.95', department: 'SERVICE' });
    expect(shipping.body).toMatchObject({ type: 'free_shipping', amount: 4.95, voucherCode: null, department: 'service' });

    const onContact = await api<{ items: { id: string; voucherCode: string | null }[] }>(p, 'GET', `/api/v1/contacts/${contactId}/goodwill`, t.tokens.viewer);
    expect(onContact.body.items.map((g) => g.id).sort()).toEqual([first.body.id, shipping.body.id].sort());
    const history = await api<{ items: { type: string; data: Record<string, unknown> }[] }>(p, 'GET', `/api/v1/conversations/${conversationId}/events`, t.token);
    expect(history.body.items.filter((e) => e.type === 'goodwill.granted').map((e) => e.data.amount)).toEqual([30, 4.95]);
    expect((await api(p, 'GET', '/api/v1/workspace/goodwill-budgets', t.tokens.agent)).body).toMatchObject({ budgets: [{ department: 'service', spent: 34.95, remaining: 65.05 }, { department: 'marketing', spent: 0 }] });
  });

  it('stops an agent above the approval limit; an admin may grant it', async () => {
    const denied = await grant(t.tokens.agent, { amount: 50.01 });
    expect(denied.status).toBe(403);
    expect(denied.body.error).toMatchObject({ code: 'forbidden', details: { reason: 'approval_limit_exceeded', limit: 50, currency: 'EUR' } });
    expect((await grant(t.tokens.viewer, { amount: 1 })).status).toBe(403);
    const allowed = await grant(t.token, { amount: 60 });
    expect(allowed.status).toBe(201);
    expect(allowed.body.budget).toMatchObject({ spent: 94.95, remaining: 5.05 });
  });

  it('refuses what the budget or the policy does not cover, and stores nothing', async () => {
    const over = await grant(t.tokens.agent, { amount: 10 });
    expect(over.status).toBe(409);
    expect(over.body.error.details).toMatchObject({ reason: 'budget_exceeded', department: 'service', remaining: 5.05 });
    const capped = await grant(t.token, { type: 'gift', amount: 51, department: 'marketing' });
    expect(capped.status).toBe(403);
    expect(capped.body.error.details).toMatchObject({ reason: 'type_cap_exceeded', cap: 50 });
    expect((await grant(t.tokens.agent, { amount: 5, department: 'sales' })).body.error.details).toMatchObject({ field: 'department' });
    expect((await grant(t.tokens.agent, { amount: 5, currency: 'CHF' })).body.error.details).toMatchObject({ field: 'currency' });
    expect((await grant(t.tokens.agent, { amount: 1.234 })).body.error.details).toMatchObject({ field: 'amount' });
    expect((await grant(t.tokens.agent, { amount: 0 })).status).toBe(400);
    expect((await grant(t.tokens.agent, { amount: 5, approvedBy: 'me' })).status).toBe(400);
    const onContact = await api<{ items: unknown[] }>(p, 'GET', `/api/v1/contacts/${contactId}/goodwill`, t.token);
    expect(onContact.body.items).toHaveLength(3);
  });

  it('never lets simultaneous grants on different cases overspend a budget', async () => {
    const conversations = await Promise.all(
      Array.from({ length: 6 }, async (_, i) => (await api<{ conversationId: string }>(p, 'POST', `/api/v1/channels/${channelId}/inbound`, t.token, { externalId: `race-${i}`, from: { id: `racer-${i}` }, text: ANGRY })).body.conversationId),
    );
    const results = await Promise.all(
      conversations.map((id) => api(p, 'POST', `/api/v1/conversations/${id}/goodwill`, t.tokens.agent, { type: 'voucher', amount: 20, currency: 'EUR', reason: 'Entschuldigung', department: 'marketing' })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 201, 409, 409, 409, 409]);
    expect((await api(p, 'GET', '/api/v1/workspace/goodwill-budgets', t.tokens.agent)).body).toMatchObject({ budgets: [{ department: 'service' }, { department: 'marketing', spent: 40, remaining: 10 }] });
  });
});
