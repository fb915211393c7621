import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { wakeSnoozed } from '../../src/inbox/update-conversation.js';
import { backends } from '../support/backends.js';
import { api, createTenant, startTestParley, type Tenant, type TestParley } from '../support/parley.js';

const backend = backends()[0];
const calendar = { timeZone: 'Europe/Berlin', slots: (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((day) => ({ day, start: '09:00', end: '18:00' })), holidays: [] };
const policies = [{ id: 'buero', match: {}, targets: { firstResponseMs: 8 * 3_600_000, nextResponseMs: 3_600_000 }, businessHours: true }];

type NextResponse = { dueAt: string | null; paused: boolean } | null;
type Conversation = { sla: { nextResponse: NextResponse } | null };

describe('a paused next-response clock resumes in business time', () => {
  let p: TestParley;
  let t: Tenant;
  let channelId: string;
  let n = 0;
  const write = async (text: string, from = 'kundin') =>
    (await api<{ conversationId: string }>(p, 'POST', `/api/v1/channels/${channelId}/inbound`, t.token, { externalId: `bp-${++n}`, from: { id: from }, text })).body.conversationId;
  const nextResponse = async (id: string) => (await api<Conversation>(p, 'GET', `/api/v1/conversations/${id}`, t.token)).body.sla?.nextResponse;
  const near = (iso: string | null | undefined, expected: string) => expect(Math.abs(Date.parse(iso ?? '') - Date.parse(expected))).toBeLessThan(5_000);

  beforeAll(async () => {
    if (!backend) throw new Error('no backend');
    p = await startTestParley(backend);
    t = await createTenant(p);
    channelId = (await api<{ id: string }>(p, 'POST', '/api/v1/channels', t.token, { type: 'api', name: 'Shop' })).body.id;
    expect((await api(p, 'PUT', '/api/v1/workspace/service-levels', t.token, { policies, calendar })).status).toBe(200);
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  afterAll(async () => p.drop());

  it('carries the 30 minutes left at Friday 17:00 to Monday 09:30 when the customer writes on Saturday', async () => {
    // The server's clock is set to a coming Friday and Saturday in Berlin (UTC+1); it keeps ticking.
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    vi.setSystemTime(new Date('2026-11-27T14:00:00Z'));
    const id = await write('Guten Tag, wo bleibt meine Bestellung?');
    expect((await api(p, 'POST', `/api/v1/conversations/${id}/messages`, t.token, { text: 'Wir sehen nach.' })).status).toBe(201);

    vi.setSystemTime(new Date('2026-11-27T15:30:00Z'));
    await write('Die Bestellnummer ist 4711.');
    near((await nextResponse(id))?.dueAt, '2026-11-27T16:30:00Z');

    vi.setSystemTime(new Date('2026-11-27T16:00:00Z'));
    expect((await api(p, 'PATCH', `/api/v1/conversations/${id}`, t.token, { status: 'pending' })).status).toBe(200);
    expect((await nextResponse(id))?.paused).toBe(true);

    vi.setSystemTime(new Date('2026-11-28T09:00:00Z'));
    await write('Haben Sie schon etwas herausgefunden?');
    const resumed = await nextResponse(id);
    expect(resumed?.paused).toBe(false);
    near(resumed?.dueAt, '2026-11-30T08:30:00Z');
  });

  it('runs on in business time when a snooze ends after closing', async () => {
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    vi.setSystemTime(new Date('2026-12-04T14:00:00Z'));
    const id = await write('Ich brauche eine Rechnungskopie.', 'kunde');
    expect((await api(p, 'POST', `/api/v1/conversations/${id}/messages`, t.token, { text: 'Für welche Bestellung?' })).status).toBe(201);
    // Asked Friday 16:40, due 17:40; snoozed at 17:20 with 20 minutes left until 18:00:01, after closing.
    vi.setSystemTime(new Date('2026-12-04T15:40:00Z'));
    await write('Für die vom Oktober.', 'kunde');
    vi.setSystemTime(new Date('2026-12-04T16:20:00Z'));
    expect((await api(p, 'PATCH', `/api/v1/conversations/${id}`, t.token, { snoozedUntil: '2026-12-04T17:00:01Z' })).status).toBe(200);
    vi.setSystemTime(new Date('2026-12-04T17:00:02Z'));
    expect(await wakeSnoozed(p.db)).toBeGreaterThanOrEqual(1);
    const resumed = await nextResponse(id);
    expect(resumed?.paused).toBe(false);
    near(resumed?.dueAt, '2026-12-07T08:20:00Z');
  });
});
