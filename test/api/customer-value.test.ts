import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LifetimeValue } from '../../src/domain/lifetime-value.js';
import { backends } from '../support/backends.js';
import { api, createTenant, startTestParley, type Tenant, type TestParley } from '../support/parley.js';

const backend = backends()[0];

type Problem = { error: { code: string; message: string; details: { field?: string; errors: { index?: number; line?: number; field: string; message: string }[] } } };
type OrderList = { items: { id: string; date: string; amount: number; currency: string; status: string }[]; nextCursor: string | null };

const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString().slice(0, 10);

describe('customer value: orders and lifetime value', () => {
  let p: TestParley;
  let t: Tenant;
  let channelId: string;
  let n = 0;

  async function newContact(email: string): Promise<string> {
    n += 1;
    const inbound = await api<{ conversationId: string }>(p, 'POST', `/api/v1/channels/${channelId}/inbound`, t.token, { externalId: `cv-${n}`, from: { id: `sender-${n}`, email, name: `Kunde ${n}` }, text: 'Hallo' });
    const conv = await api<{ contactId: string }>(p, 'GET', `/api/v1/conversations/${inbound.body.conversationId}`, t.token);
    return conv.body.contactId;
  }
  const orders = (contactId: string) => api<OrderList>(p, 'GET', `/api/v1/contacts/${contactId}/orders?limit=200`, t.token).then((r) => r.body.items);
  const ltv = (contactId: string) => api<{ lifetimeValue: LifetimeValue }>(p, 'GET', `/api/v1/contacts/${contactId}`, t.token).then((r) => r.body.lifetimeValue);

  beforeAll(async () => {
    if (!backend) throw new Error('no backend');
    p = await startTestParley(backend);
    t = await createTenant(p);
    channelId = (await api<{ id: string }>(p, 'POST', '/api/v1/channels', t.token, { type: 'api', name: 'Shop' })).body.id;
  });
  afterAll(async () => p.drop());

  it('imports orders idempotently by order id and shows the lifetime value on the contact', async () => {
    const contactId = await newContact('anna@example.org');
    expect(await ltv(contactId)).toEqual({ historic: 0, predicted: 0, currency: 'EUR', orders: 0, lastOrderAt: null, otherCurrencies: [] });

    const batch = [
      { id: 'A-1', date: daysAgo(90), amount: 59.9, currency: 'EUR', status: 'delivered' },
      { id: 'A-2', date: daysAgo(30), amount: '40.10', currency: 'EUR', status: 'paid' },
      { id: 'A-3', date: daysAgo(10), amount: 25, currency: 'EUR', status: 'cancelled' },
    ];
    const first = await api<{ created: number; updated: number; lifetimeValue: LifetimeValue }>(p, 'POST', `/api/v1/contacts/${contactId}/orders`, t.tokens.agent, { orders: batch });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ imported: 3, created: 3, updated: 0 });
    const value = await ltv(contactId);
    // Cancelled orders do not count: 59.90 + 40.10.
    expect(value).toMatchObject({ historic: 100, currency: 'EUR', orders: 2, lastOrderAt: new Date(`${daysAgo(30)}T00:00:00Z`).toISOString() });
    // Two orders within the last year: two more expected in the next twelve months at 50 € each.
    expect(value.predicted).toBe(100);
    expect(first.body.lifetimeValue).toEqual(value);

    const again = await api(p, 'POST', `/api/v1/contacts/${contactId}/orders`, t.tokens.agent, { orders: [{ ...batch[1], status: 'refunded' }, { ...batch[0], amount: 69.9 }] });
    expect(again.body).toMatchObject({ imported: 2, created: 0, updated: 2 });
    const list = await orders(contactId);
    expect(list.map((o) => [o.id, o.amount, o.status])).toEqual([['A-3', 25, 'cancelled'], ['A-2', 40.1, 'refunded'], ['A-1', 69.9, 'delivered']]);
    expect(await ltv(contactId)).toMatchObject({ historic: 69.9, orders: 1 });
  });

  it('rejects the whole batch when one row is bad, naming its index and field', async () => {
    const contactId = await newContact('bernd@example.org');
    await api(p, 'POST', `/api/v1/contacts/${contactId}/orders`, t.token, { orders: [{ id: 'B-1', date: daysAgo(5), amount: 10, currency: 'EUR', status: 'paid' }] });
    const bad = await api<Problem>(p, 'POST', `/api/v1/contacts/${contactId}/orders`, t.token, {
      orders: [
        { id: 'B-2', date: daysAgo(4), amount: 20, currency: 'EUR', status: 'paid' },
        { id: 'B-3', date: daysAgo(3), amount: 'zwanzig', currency: 'EUR', status: 'paid' },
        { id: 'B-4', date: '2026-13-01', amount: 5, currency: 'EUR', status: 'lost', note: 'x' },
        { id: 'B-2', date: daysAgo(2), amount: 1, currency: 'EUR', status: 'paid' },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid');
    expect(bad.body.error.message).toMatch(/^orders\[1\]\.amount: .*Nothing was imported\.$/);
    expect(bad.body.error.details.field).toBe('orders.1.amount');
    expect(bad.body.error.details.errors.map((e) => [e.index, e.field])).toEqual([[1, 'amount'], [2, 'note'], [2, 'date'], [2, 'status'], [3, 'id']]);
    expect((await orders(contactId)).map((o) => o.id)).toEqual(['B-1']);

    const tooPrecise = await api<Problem>(p, 'POST', `/api/v1/contacts/${contactId}/orders`, t.token, { orders: [{ id: 'B-5', date: daysAgo(1), amount: 1.999, currency: 'EUR', status: 'paid' }] });
    expect(tooPrecise.body.error.details.errors).toEqual([{ index: 0, field: 'amount', message: 'has more than 2 decimal places for EUR' }]);
    expect((await api(p, 'POST', `/api/v1/contacts/${contactId}/orders`, t.token, { orders: [] })).status).toBe(400);
    expect((await api(p, 'POST', `/api/v1/contacts/${contactId}/orders`, t.token, { orders: [], extra: true })).status).toBe(400);
  });

  it('never moves an order from one contact to another', async () => {
    const owner = await newContact('carla@example.org');
    const other = await newContact('dieter@example.org');
    await api(p, 'POST', `/api/v1/contacts/${owner}/orders`, t.token, { orders: [{ id: 'C-1', date: daysAgo(5), amount: 10, currency: 'EUR', status: 'paid' }] });
    const res = await api<Problem>(p, 'POST', `/api/v1/contacts/${other}/orders`, t.token, { orders: [{ id: 'C-2', date: daysAgo(5), amount: 10, currency: 'EUR', status: 'paid' }, { id: 'C-1', date: daysAgo(5), amount: 10, currency: 'EUR', status: 'paid' }] });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors).toEqual([{ index: 1, field: 'id', message: 'order C-1 belongs to another contact' }]);
    expect(await orders(other)).toEqual([]);
  });

  it('lets viewers read but not import, and keeps workspaces apart', async () => {
    const contactId = await newContact('erika@example.org');
    const row = { id: 'E-1', date: daysAgo(5), amount: 10, currency: 'EUR', status: 'paid' };
    expect((await api(p, 'POST', `/api/v1/contacts/${contactId}/orders`, t.tokens.viewer, { orders: [row] })).status).toBe(403);
    expect((await api(p, 'POST', '/api/v1/orders/import', t.tokens.viewer, { csv: 'x' })).status).toBe(403);
    expect((await api(p, 'GET', `/api/v1/contacts/${contactId}/orders`, t.tokens.viewer)).status).toBe(200);
    const stranger = await createTenant(p);
    expect((await api(p, 'POST', `/api/v1/contacts/${contactId}/orders`, stranger.token, { orders: [row] })).status).toBe(404);
    expect((await api(p, 'GET', `/api/v1/contacts/${contactId}/orders`, stranger.token)).status).toBe(404);
  });

  it('states the value in the most common currency and lists the others unconverted', async () => {
    const contactId = await newContact('franz@example.org');
    await api(p, 'POST', `/api/v1/contacts/${contactId}/orders`, t.token, {
      orders: [
        { id: 'F-1', date: daysAgo(20), amount: 100, currency: 'CHF', status: 'paid' },
        { id: 'F-2', date: daysAgo(10), amount: 50, currency: 'chf', status: 'shipped' },
        { id: 'F-3', date: daysAgo(5), amount: 30, currency: 'EUR', status: 'delivered' },
      ],
    });
    expect(await ltv(contactId)).toMatchObject({ currency: 'CHF', historic: 150, orders: 2, otherCurrencies: [{ currency: 'EUR', historic: 30, orders: 1 }] });
  });

  it('pages through a long order history', async () => {
    const contactId = await newContact('gerda@example.org');
    const many = Array.from({ length: 7 }, (_, i) => ({ id: `G-${i}`, date: daysAgo(i + 1), amount: i + 1, currency: 'EUR', status: 'delivered' }));
    await api(p, 'POST', `/api/v1/contacts/${contactId}/orders`, t.token, { orders: many });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: OrderList } = await api<OrderList>(p, 'GET', `/api/v1/contacts/${contactId}/orders?limit=3${cursor ? `&cursor=${cursor}` : ''}`, t.token);
      seen.push(...page.body.items.map((o) => o.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(many.map((o) => o.id));
  });

  it('keeps orders with the contact a duplicate is merged into', async () => {
    const keep = await newContact('hanna@example.org');
    const dup = await newContact('hanna.h@example.org');
    await api(p, 'POST', `/api/v1/contacts/${dup}/orders`, t.token, { orders: [{ id: 'H-1', date: daysAgo(3), amount: 80, currency: 'EUR', status: 'paid' }] });
    expect((await api(p, 'POST', `/api/v1/contacts/${keep}/merge`, t.token, { sourceId: dup })).status).toBe(200);
    expect(await ltv(keep)).toMatchObject({ historic: 80, orders: 1 });
  });
});

describe('customer value: CSV import', () => {
  let p: TestParley;
  let t: Tenant;
  let anna: string;
  let bernd: string;

  beforeAll(async () => {
    if (!backend) throw new Error('no backend');
    p = await startTestParley(backend);
    t = await createTenant(p);
    const channelId = (await api<{ id: string }>(p, 'POST', '/api/v1/channels', t.token, { type: 'api', name: 'Shop' })).body.id;
    const contact = async (id: string, email: string) => {
      const r = await api<{ conversationId: string }>(p, 'POST', `/api/v1/channels/${channelId}/inbound`, t.token, { externalId: id, from: { id, email }, text: 'Hallo' });
      return (await api<{ contactId: string }>(p, 'GET', `/api/v1/conversations/${r.body.conversationId}`, t.token)).body.contactId;
    };
    anna = await contact('a', 'anna@example.org');
    bernd = await contact('b', 'bernd@example.org');
  });
  afterAll(async () => p.drop());

  it('reports malformed rows line by line and imports nothing', async () => {
    const csv = [
      'email,order_id,date,amount,currency,status',
      `anna@example.org,1001,${daysAgo(40)},49.90,EUR,delivered`,
      `nobody@example.org,1002,${daysAgo(30)},10.00,EUR,paid`,
      `${bernd},1003,gestern,10.00,EUR,paid`,
      `anna@example.org,1004,${daysAgo(20)},"12,5",EUR,verloren`,
      `anna@example.org,1001,${daysAgo(10)},5,EUR,paid`,
    ].join('\n');
    const res = await api<Problem>(p, 'POST', '/api/v1/orders/import', t.tokens.agent, { csv });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^4 problems in the CSV; nothing was imported\. Line 3, contact: no contact with the e-mail address nobody@example.org\.$/);
    expect(res.body.error.details.errors.map((e) => [e.line, e.field])).toEqual([[3, 'contact'], [4, 'date'], [5, 'status'], [6, 'orderId']]);
    expect(await api<OrderList>(p, 'GET', `/api/v1/contacts/${anna}/orders`, t.token).then((r) => r.body.items)).toEqual([]);
  });

  it('imports a clean file for several contacts by e-mail or id, and again without duplicates', async () => {
    const csv = [
      'Kunde;Bestellnummer;Datum;Betrag;Währung;Status',
      `ANNA@example.org;2001;${daysAgo(40)};49,90;EUR;delivered`,
      `anna@example.org;2002;${daysAgo(20)};"1.000,10";EUR;paid`,
      `${bernd};2003;${daysAgo(10)};15;EUR;shipped`,
    ].join('\r\n');
    const res = await api(p, 'POST', '/api/v1/orders/import', t.tokens.agent, { csv });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ imported: 3, created: 3, updated: 0, contacts: 2 });
    const again = await api(p, 'POST', '/api/v1/orders/import', t.tokens.agent, { csv: csv.replace('15;EUR;shipped', '15;EUR;delivered') });
    expect(again.body).toEqual({ imported: 3, created: 0, updated: 3, contacts: 2 });
    const value = await api<{ lifetimeValue: LifetimeValue }>(p, 'GET', `/api/v1/contacts/${anna}`, t.token);
    expect(value.body.lifetimeValue).toMatchObject({ historic: 1050, orders: 2 });
    const berndOrders = await api<OrderList>(p, 'GET', `/api/v1/contacts/${bernd}/orders`, t.token);
    expect(berndOrders.body.items).toMatchObject([{ id: '2003', amount: 15, status: 'delivered' }]);
  });
});
