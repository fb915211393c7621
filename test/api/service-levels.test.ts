import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../support/backends.js';
import { api, createTenant, openStream, startTestParley, type Tenant, type TestParley } from '../support/parley.js';

const backend = backends()[0];
const weekdays = (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((day) => ({ day, start: '08:00', end: '18:00' }));

type Sla = { policyId: string; firstResponseDueAt: string | null; warnedAt: string | null; breachedAt: string | null } | null;

describe('service levels on conversations', () => {
  let p: TestParley;
  let t: Tenant;
  let channelId: string;
  beforeAll(async () => {
    if (!backend) throw new Error('no backend');
    p = await startTestParley(backend);
    t = await createTenant(p);
    channelId = (await api<{ id: string }>(p, 'POST', '/api/v1/channels', t.token, { type: 'api', name: 'SLA' })).body.id;
  });
  afterAll(async () => p.drop());

  it('starts the clock, warns before it runs out, then escalates — and an answer in time stops it', async () => {
    const policies = [
      { id: 'vip', match: { customerGroup: 'vip' }, targets: { firstResponseMs: 3_600_000 }, businessHours: false },
      { id: 'fast', match: {}, targets: { firstResponseMs: 2_000, resolutionMs: 86_400_000 }, businessHours: false, warnAtRatio: 0.5 },
    ];
    const saved = await api(p, 'PUT', '/api/v1/workspace/service-levels', t.token, { policies, calendar: { timeZone: 'Europe/Berlin', slots: weekdays, holidays: [] } });
    expect(saved.status).toBe(200);
    const stream = await openStream(p, t.token);

    const late = await api<{ conversationId: string }>(p, 'POST', `/api/v1/channels/${channelId}/inbound`, t.token, { externalId: 'sla-1', from: { id: 'slow' }, text: 'Hallo?' });
    const answered = await api<{ conversationId: string }>(p, 'POST', `/api/v1/channels/${channelId}/inbound`, t.token, { externalId: 'sla-2', from: { id: 'quick' }, text: 'Hallo!' });
    const started = await api<{ sla: Sla; priority: string }>(p, 'GET', `/api/v1/conversations/${late.body.conversationId}`, t.token);
    expect(started.body.sla?.policyId).toBe('fast');
    expect(Date.parse(started.body.sla?.firstResponseDueAt ?? '') - Date.now()).toBeLessThan(2_500);
    await api(p, 'POST', `/api/v1/conversations/${answered.body.conversationId}/messages`, t.token, { text: 'Sofort da.', type: 'reply' });

    const breach = await stream.waitFor((e) => e.type === 'conversation.updated' && e.data.id === late.body.conversationId && (e.data.sla as Sla)?.breachedAt != null, 15_000);
    expect(breach.data.priority).toBe('high');
    const history = await api<{ items: { type: string }[] }>(p, 'GET', `/api/v1/conversations/${late.body.conversationId}/events`, t.token);
    expect(history.body.items.map((i) => i.type)).toEqual(expect.arrayContaining(['sla.warning', 'sla.breached']));
    const calm = await api<{ sla: Sla; priority: string }>(p, 'GET', `/api/v1/conversations/${answered.body.conversationId}`, t.token);
    expect(calm.body.sla?.breachedAt).toBeNull();
    expect(calm.body.priority).toBe('normal');
    stream.close();
  }, 30_000);

  it('moves a conversation to the policy of its new priority', async () => {
    const calendar = { timeZone: 'Europe/Berlin', slots: weekdays, holidays: [] };
    const policies = [
      { id: 'standard', match: {}, targets: { firstResponseMs: 8 * 3_600_000 }, businessHours: true },
      { id: 'urgent', match: { priority: 'urgent' }, targets: { firstResponseMs: 600_000 }, businessHours: false },
    ];
    await api(p, 'PUT', '/api/v1/workspace/service-levels', t.token, { policies, calendar });
    const c = await api<{ conversationId: string }>(p, 'POST', `/api/v1/channels/${channelId}/inbound`, t.token, { externalId: 'sla-3', from: { id: 'prio' }, text: 'Es brennt!' });
    expect((await api<{ sla: Sla }>(p, 'GET', `/api/v1/conversations/${c.body.conversationId}`, t.token)).body.sla?.policyId).toBe('standard');
    const patched = await api<{ sla: Sla }>(p, 'PATCH', `/api/v1/conversations/${c.body.conversationId}`, t.token, { priority: 'urgent' });
    expect(patched.body.sla?.policyId).toBe('urgent');
    expect(Date.parse(patched.body.sla?.firstResponseDueAt ?? '') - Date.now()).toBeLessThanOrEqual(600_000);
  });

  it('validates policies and calendars, and only admins change them', async () => {
    const calendar = { timeZone: 'Europe/Berlin', slots: weekdays, holidays: [] };
    expect((await api(p, 'PUT', '/api/v1/workspace/service-levels', t.tokens.agent, { policies: [], calendar })).status).toBe(403);
    expect((await api(p, 'PUT', '/api/v1/workspace/service-levels', t.token, { policies: [{ id: 'x', match: {}, targets: {}, businessHours: true }], calendar })).status).toBe(400);
    expect((await api(p, 'PUT', '/api/v1/workspace/service-levels', t.token, { policies: [], calendar: { ...calendar, timeZone: 'Mars/Olympus' } })).status).toBe(400);
    expect((await api(p, 'PUT', '/api/v1/workspace/service-levels', t.token, { policies: [], calendar: { ...calendar, slots: [{ day: 'mon', start: '18:00', end: '08:00' }] } })).status).toBe(400);
  });

  it('imports holidays from an iCalendar file', async () => {
    const ics = ['BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20261225', 'SUMMARY:1. Weihnachtstag', 'RRULE:FREQ=YEARLY', 'END:VEVENT', 'END:VCALENDAR'].join('\r\n');
    const res = await api<{ imported: number; calendar: { holidays: { date: string }[] } }>(p, 'POST', '/api/v1/workspace/service-levels/holidays', t.token, { ics });
    expect(res.body.imported).toBe(1);
    expect(res.body.calendar.holidays.map((h) => h.date)).toContain('2026-12-25');
    expect((await api(p, 'POST', '/api/v1/workspace/service-levels/holidays', t.token, { ics: 'BEGIN:VCALENDAR\r\nGARBAGE' })).status).toBe(400);
  });
});
