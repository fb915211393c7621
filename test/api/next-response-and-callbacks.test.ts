import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../support/backends.js';
import { api, createTenant, openStream, startTestParley, type Tenant, type TestParley } from '../support/parley.js';

const backend = backends()[0];
const calendar = { timeZone: 'Europe/Berlin', slots: (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((day) => ({ day, start: '08:00', end: '18:00' })), holidays: [] };

type NextResponse = { dueAt: string | null; paused: boolean; warnedAt: string | null; breachedAt: string | null } | null;
type Conversation = { priority: string; sla: { nextResponse: NextResponse } | null };
type Entry = { type: string; data: Record<string, unknown> };
type Report = Record<'firstResponse' | 'nextResponse' | 'resolution' | 'callbacks' | 'overall', { met: number; breached: number; attainment: number | null }>;

describe('next-response targets and callbacks against the service level', () => {
  let p: TestParley;
  let t: Tenant;
  let channelId: string;
  let n = 0;
  const write = async (sender: string, text: string) => (await api<{ conversationId: string }>(p, 'POST', `/api/v1/channels/${channelId}/inbound`, t.token, { externalId: `nr-${++n}`, from: { id: sender }, text })).body.conversationId;
  const reply = (id: string, text: string) => api(p, 'POST', `/api/v1/conversations/${id}/messages`, t.token, { text });
  const get = async (id: string) => (await api<Conversation>(p, 'GET', `/api/v1/conversations/${id}`, t.token)).body;
  const history = async (id: string) => (await api<{ items: Entry[] }>(p, 'GET', `/api/v1/conversations/${id}/events`, t.token)).body.items;

  beforeAll(async () => {
    if (!backend) throw new Error('no backend');
    p = await startTestParley(backend);
    t = await createTenant(p);
    channelId = (await api<{ id: string }>(p, 'POST', '/api/v1/channels', t.token, { type: 'api', name: 'Shop' })).body.id;
    const policies = [{ id: 'schnell', match: {}, targets: { firstResponseMs: 3_600_000, nextResponseMs: 3_000 }, businessHours: false, warnAtRatio: 0.5 }];
    expect((await api(p, 'PUT', '/api/v1/workspace/service-levels', t.token, { policies, calendar })).status).toBe(200);
  });
  afterAll(async () => p.drop());

  it('runs a next-response clock when the customer writes again after a reply, escalates it, and holds it while waiting on the customer', async () => {
    const late = await write('spaet', 'Hallo, eine Frage.');
    const paused = await write('pause', 'Hallo, auch eine Frage.');
    for (const id of [late, paused]) {
      expect((await get(id)).sla?.nextResponse).toBeNull();
      expect((await reply(id, 'Gern, was möchten Sie wissen?')).status).toBe(201);
    }
    const before = Date.now();
    await write('spaet', 'Wie lange dauert die Lieferung?');
    await write('pause', 'Ich schicke gleich die Bestellnummer.');
    const pausedAt = Date.now();
    expect((await api(p, 'PATCH', `/api/v1/conversations/${paused}`, t.token, { status: 'pending' })).status).toBe(200);
    const started = (await get(late)).sla?.nextResponse;
    expect(started).toMatchObject({ paused: false, breachedAt: null });
    expect(Date.parse(started?.dueAt ?? '') - before).toBeGreaterThanOrEqual(2_900);
    expect(Date.parse(started?.dueAt ?? '') - before).toBeLessThan(6_000);
    // The customer writes again before the answer: the clock keeps measuring from the first unanswered message.
    await write('spaet', 'Hallo?');
    expect((await get(late)).sla?.nextResponse?.dueAt).toBe(started?.dueAt);

    const heldDue = (await get(paused)).sla?.nextResponse?.dueAt;
    expect((await get(paused)).sla?.nextResponse?.paused).toBe(true);

    const stream = await openStream(p, t.token);
    try {
      await stream.waitFor((e) => e.type === 'conversation.updated' && e.data.id === late && ((e.data.sla as { nextResponse: NextResponse })?.nextResponse?.breachedAt ?? null) !== null, 12_000);
    } finally {
      stream.close();
    }
    const escalated = await get(late);
    expect(escalated.priority).toBe('high');
    const entries = await history(late);
    expect(entries.filter((e) => e.type === 'sla.warning').map((e) => e.data.target)).toContain('nextResponse');
    expect(entries.filter((e) => e.type === 'sla.breached').map((e) => e.data.target)).toEqual(['nextResponse']);

    // Waiting on the customer the clock stood still: long past its due time and a full escalation round, no breach;
    // the customer's answer resumes it with the time it had left.
    await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(heldDue ?? '') + 5_500 - Date.now())));
    const held = await get(paused);
    expect(held.sla?.nextResponse).toMatchObject({ paused: true, breachedAt: null });
    expect(held.priority).toBe('normal');
    await write('pause', 'Bestellnummer 4711.');
    const pauseMs = Date.now() - pausedAt;
    const resumed = (await get(paused)).sla?.nextResponse;
    expect(resumed?.paused).toBe(false);
    const moved = Date.parse(resumed?.dueAt ?? '') - Date.parse(heldDue ?? '');
    expect(moved).toBeGreaterThan(pauseMs - 500);
    expect(moved).toBeLessThanOrEqual(pauseMs + 500);

    // The reply stops the clock; the breach stays on record and counts in attainment, the timely reply as met.
    expect((await reply(late, 'Zwei Tage.')).status).toBe(201);
    expect((await get(late)).sla?.nextResponse).toMatchObject({ dueAt: null, breachedAt: expect.any(String) });
    expect((await reply(paused, 'Danke, ist unterwegs.')).status).toBe(201);
    const report = (await api<Report>(p, 'GET', '/api/v1/workspace/service-levels/attainment?days=1', t.token)).body;
    expect(report.nextResponse).toEqual({ met: 1, breached: 1, attainment: 0.5 });
  }, 30_000);

  it('warns about a callback coming due and escalates it once overdue, counted in attainment', async () => {
    const phone = (await api<{ id: string }>(p, 'POST', '/api/v1/channels', t.token, { type: 'phone', name: 'Hotline' })).body.id;
    const stream = await openStream(p, t.token);
    try {
      const requested = await api<{ id: string; conversationId: string }>(p, 'POST', '/api/v1/callbacks', t.token, { clientId: randomUUID(), channelId: phone, phone: '+4930123456', preferredAt: new Date(Date.now() + 1_000).toISOString() });
      expect(requested.status).toBe(201);
      const { conversationId } = requested.body;
      const notice = await stream.waitFor((e) => e.type === 'notification' && e.data.kind === 'callback.overdue', 12_000);
      expect(notice.data).toMatchObject({ callbackId: requested.body.id, conversationId });
      expect((await get(conversationId)).priority).toBe('high');
      const entries = await history(conversationId);
      expect(entries.filter((e) => e.data.target === 'callback').map((e) => e.type)).toEqual(['sla.warning', 'sla.breached']);
      // Reached late, it is still a breach; another callback reached in time is met.
      expect((await api(p, 'POST', `/api/v1/callbacks/${requested.body.id}/outcome`, t.token, { outcome: 'reached' })).status).toBeLessThan(300);
      const timely = await api<{ id: string }>(p, 'POST', '/api/v1/callbacks', t.token, { clientId: randomUUID(), channelId: phone, phone: '+4930654321' });
      expect((await api(p, 'POST', `/api/v1/callbacks/${timely.body.id}/outcome`, t.token, { outcome: 'reached' })).status).toBeLessThan(300);
      const report = (await api<Report>(p, 'GET', '/api/v1/workspace/service-levels/attainment?days=1', t.token)).body;
      expect(report.callbacks).toEqual({ met: 1, breached: 1, attainment: 0.5 });
    } finally {
      stream.close();
    }
  }, 30_000);
});
