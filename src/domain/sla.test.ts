import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addBusinessTime, businessTimeBetween, compileCalendar, WEEKDAYS, type BusinessCalendar } from './business-hours.js';
import { AppError } from './errors.js';
import { computeSla, type SlaReport, type SlaTargetStatus } from './sla.js';
import { nextResponseDue, resumedNextResponse } from './sla-due.js';
import { escalationActions, nextSlaCheck, slaAlerts } from './sla-escalation.js';
import { conversationMetrics, slaAttainment } from './sla-metrics.js';
import { matchSlaPolicy, parseSlaPolicies, type SlaPolicy } from './sla-policy.js';
import { buildTimeline, type ConversationStatus, type SlaEvent } from './sla-timeline.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const workdays = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;
const berlin: BusinessCalendar = {
  timeZone: 'Europe/Berlin',
  slots: workdays.flatMap((day) => [
    { day, start: '08:00', end: '12:00' },
    { day, start: '13:00', end: '18:00' },
  ]),
  holidays: [],
};
const policy: SlaPolicy = {
  id: 'standard',
  match: {},
  businessHours: true,
  targets: { firstResponseMs: HOUR, nextResponseMs: 2 * HOUR, resolutionMs: 8 * HOUR },
  escalation: { onWarning: { notify: ['lead'] }, onBreach: { notify: ['lead', 'manager'], raiseTier: true } },
};
const at = (iso: string): Date => new Date(iso);
const inbound = (iso: string): SlaEvent => ({ type: 'inbound', at: at(iso) });
const outbound = (iso: string): SlaEvent => ({ type: 'outbound', at: at(iso) });
const status = (iso: string, s: ConversationStatus): SlaEvent => ({ type: 'status', at: at(iso), status: s });
const created = (iso: string): SlaEvent => ({ type: 'created', at: at(iso) });

// Friday 27 Nov 2026, 17:59 in Berlin (CET, UTC+1).
const friday = [created('2026-11-27T16:59:00Z'), inbound('2026-11-27T16:59:00Z')];

describe('SLA clock: examples', () => {
  it('is due Monday 08:59 for a 1-hour first response to a message at Friday 17:59', () => {
    const r = computeSla(policy, friday, { now: at('2026-11-28T12:00:00Z'), calendar: berlin });
    expect(r.firstResponse).toMatchObject({ state: 'ok', dueAt: at('2026-11-30T07:59:00Z'), elapsedMs: MIN, running: true });
  });

  it('warns at 80 % of the target and breaches after the due time', () => {
    const state = (iso: string): SlaTargetStatus | null => computeSla(policy, friday, { now: at(iso), calendar: berlin }).firstResponse;
    expect(state('2026-11-30T07:46:00Z')?.state).toBe('ok');
    expect(state('2026-11-30T07:47:00Z')?.state).toBe('warning');
    expect(state('2026-11-30T07:47:00Z')?.warnAt).toEqual(at('2026-11-30T07:47:00Z'));
    expect(state('2026-11-30T07:59:00Z')?.state).toBe('warning');
    expect(state('2026-11-30T07:59:00.001Z')?.state).toBe('breached');
  });

  it('a reply at the due time meets the target; one after it breaches, even outside opening hours', () => {
    const onTime = computeSla(policy, [...friday, outbound('2026-11-30T07:59:00Z')], { now: at('2026-12-01T00:00:00Z'), calendar: berlin });
    expect(onTime.firstResponse).toMatchObject({ state: 'met', elapsedMs: HOUR, running: false });
    const dueAtClose = [created('2026-11-27T16:00:00Z'), inbound('2026-11-27T16:00:00Z'), outbound('2026-11-28T09:00:00Z')];
    const late = computeSla(policy, dueAtClose, { now: at('2026-11-28T10:00:00Z'), calendar: berlin });
    expect(late.firstResponse).toMatchObject({ state: 'breached', elapsedMs: HOUR, dueAt: at('2026-11-27T17:00:00Z') });
  });

  it('pauses while waiting on the customer and resumes when the customer writes', () => {
    const events = [
      created('2026-11-24T09:00:00Z'),
      inbound('2026-11-24T09:00:00Z'),
      status('2026-11-24T09:10:00Z', 'waiting_on_customer'),
      inbound('2026-11-24T10:00:00Z'),
    ];
    const paused = computeSla(policy, events.slice(0, 3), { now: at('2026-11-24T11:00:00Z'), calendar: berlin });
    expect(paused.firstResponse).toMatchObject({ state: 'ok', paused: true, running: false, dueAt: null, elapsedMs: 10 * MIN, pausedMs: 110 * MIN });
    const resumed = computeSla(policy, [...events, outbound('2026-11-24T10:30:00Z')], { now: at('2026-11-24T11:00:00Z'), calendar: berlin });
    expect(resumed.firstResponse).toMatchObject({ state: 'met', elapsedMs: 40 * MIN, pausedMs: 50 * MIN });
    expect(conversationMetrics([...events, outbound('2026-11-24T10:30:00Z')], { now: at('2026-11-24T11:00:00Z'), calendar: berlin }).firstResponse).toEqual({
      calendarMs: 40 * MIN,
      businessMs: 40 * MIN,
    });
  });

  it('starts a next-response cycle on each unanswered customer message', () => {
    const events = [
      created('2026-11-24T08:00:00Z'),
      inbound('2026-11-24T08:00:00Z'),
      outbound('2026-11-24T08:20:00Z'),
      inbound('2026-11-24T09:00:00Z'),
      inbound('2026-11-24T09:30:00Z'),
      outbound('2026-11-24T12:30:00Z'),
      inbound('2026-11-24T13:00:00Z'),
    ];
    const r = computeSla(policy, events, { now: at('2026-11-24T13:30:00Z'), calendar: berlin });
    expect(r.nextResponseCycles.map((c) => c.state)).toEqual(['breached', 'ok']);
    expect(r.nextResponseCycles[0]?.elapsedMs).toBe(3.5 * HOUR - HOUR); // 10:00–13:30 local minus lunch
    expect(r.nextResponse?.elapsedMs).toBe(30 * MIN);
    const m = conversationMetrics(events, { now: at('2026-11-24T13:30:00Z') });
    expect(m.firstResponse).toEqual({ calendarMs: 20 * MIN, businessMs: null });
    expect(m.nextResponses).toEqual([{ calendarMs: 3.5 * HOUR, businessMs: null }]);
  });

  it('stops the resolution clock while resolved and resumes it on reopen', () => {
    const events = [
      created('2026-11-24T08:00:00Z'),
      inbound('2026-11-24T08:00:00Z'),
      outbound('2026-11-24T08:30:00Z'),
      status('2026-11-24T09:00:00Z', 'resolved'),
      inbound('2026-11-24T14:00:00Z'),
      outbound('2026-11-24T14:10:00Z'),
      status('2026-11-24T15:00:00Z', 'resolved'),
    ];
    const m = conversationMetrics(events, { now: at('2026-11-25T00:00:00Z'), calendar: berlin });
    expect(m.resolution).toEqual({ calendarMs: 2 * HOUR, businessMs: 2 * HOUR });
    expect(m.reopenCount).toBe(1);
    expect(m.nextResponses).toEqual([{ calendarMs: 10 * MIN, businessMs: 10 * MIN }]);
    const reopened = conversationMetrics(events.slice(0, 5), { now: at('2026-11-24T14:30:00Z') });
    expect(reopened.resolution).toBeNull();
    expect(buildTimeline(events.slice(0, 5), at('2026-11-24T14:30:00Z')).resolution).toMatchObject({ running: true, stoppedAt: null });
  });

  it('ends an unanswered response clock on resolution without recording a response time', () => {
    const events = [created('2026-11-24T08:00:00Z'), inbound('2026-11-24T08:00:00Z'), status('2026-11-24T08:10:00Z', 'resolved')];
    const r = computeSla(policy, events, { now: at('2026-11-24T12:00:00Z'), calendar: berlin });
    expect(r.firstResponse).toMatchObject({ state: 'met', elapsedMs: 10 * MIN });
    expect(conversationMetrics(events, { now: at('2026-11-24T12:00:00Z') }).firstResponse).toBeNull();
  });

  it('reports attainment in calendar time and in business time', () => {
    const calendarPolicy = { ...policy, businessHours: false };
    const events = [...friday, outbound('2026-11-30T07:30:00Z')];
    const now = { now: at('2026-11-30T08:00:00Z'), calendar: berlin };
    expect(slaAttainment([computeSla(calendarPolicy, events, now)]).firstResponse).toEqual({ met: 0, breached: 1, ratio: 0 });
    expect(slaAttainment([computeSla(calendarPolicy, events, { ...now, basis: 'business' })]).firstResponse).toEqual({ met: 1, breached: 0, ratio: 1 });
    expect(slaAttainment([]).all.ratio).toBeNull();
  });

  it('raises each warning and breach once and escalates per policy', () => {
    const report = (iso: string): SlaReport => computeSla(policy, friday, { now: at(iso), calendar: berlin });
    const ok = report('2026-11-30T07:00:00Z');
    const warning = report('2026-11-30T07:50:00Z');
    const breached = report('2026-11-30T08:30:00Z');
    expect(slaAlerts(null, ok)).toEqual([]);
    expect(slaAlerts(ok, warning).map((a) => `${a.kind}:${a.target}`)).toEqual(['warning:firstResponse']);
    expect(slaAlerts(warning, warning)).toEqual([]);
    const breach = slaAlerts(warning, breached);
    expect(breach.map((a) => `${a.kind}:${a.target}`)).toEqual(['breach:firstResponse']);
    expect(escalationActions(policy, breach).map((a) => a.type)).toEqual(['notify', 'raiseTier']);
    expect(nextSlaCheck(ok, at('2026-11-30T07:00:00Z'))).toEqual(at('2026-11-30T07:47:00Z'));
    expect(nextSlaCheck(warning, at('2026-11-30T07:50:00Z'))).toEqual(at('2026-11-30T07:59:00.001Z'));
  });

  it('needs a calendar for a business-hours policy', () => {
    expect(() => computeSla(policy, friday, { now: at('2026-11-28T00:00:00Z') })).toThrow(AppError);
  });
});

describe('SLA policy matching', () => {
  const policies = parseSlaPolicies([
    { id: 'default', match: {}, businessHours: true, targets: { firstResponseMs: 8 * HOUR } },
    { id: 'urgent', match: { priority: 'urgent' }, businessHours: false, targets: { firstResponseMs: HOUR } },
    { id: 'chat', match: { channel: 'chat' }, businessHours: true, targets: { firstResponseMs: 5 * MIN } },
    { id: 'vip', match: { customerGroup: 'vip' }, businessHours: false, targets: { firstResponseMs: 30 * MIN } },
    { id: 'vip-urgent', match: { customerGroup: 'vip', priority: 'urgent' }, businessHours: false, targets: { firstResponseMs: 15 * MIN } },
    { id: 'tier3-a', position: 2, match: { tier: 3 }, businessHours: true, targets: { resolutionMs: 40 * HOUR } },
    { id: 'tier3-b', position: 1, match: { tier: 3 }, businessHours: true, targets: { resolutionMs: 20 * HOUR } },
  ]);
  const subject = { priority: 'normal' as const, channel: 'email', tier: 1 as const, customerGroups: [] as string[] };

  it.each([
    [{}, 'default'],
    [{ priority: 'urgent' as const }, 'urgent'],
    [{ priority: 'urgent' as const, channel: 'chat' }, 'chat'],
    [{ channel: 'chat', customerGroups: ['vip'] }, 'vip'],
    [{ priority: 'urgent' as const, customerGroups: ['vip'] }, 'vip-urgent'],
    [{ tier: 3 as const }, 'tier3-b'],
    [{ tier: 3 as const, customerGroups: ['vip'] }, 'vip'],
  ])('%o → %s', (overrides, expected) => {
    expect(matchSlaPolicy(policies, { ...subject, ...overrides })?.id).toBe(expected);
    expect(matchSlaPolicy([...policies].reverse(), { ...subject, ...overrides })?.id).toBe(expected);
  });

  it('returns null when nothing matches and rejects invalid or duplicate policies', () => {
    expect(matchSlaPolicy(policies.slice(1), subject)).toBeNull();
    expect(() => parseSlaPolicies([{ id: 'x', match: {}, businessHours: true, targets: {} }])).toThrow(AppError);
    expect(() => parseSlaPolicies([{ id: 'x', match: { tier: 4 }, businessHours: true, targets: { firstResponseMs: 1 } }])).toThrow(AppError);
    const one = { id: 'x', match: {}, businessHours: true, targets: { firstResponseMs: 1 } };
    expect(() => parseSlaPolicies([one, one])).toThrow(/duplicate/);
  });
});

const zones = ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata'] as const;
const calendarArb: fc.Arbitrary<BusinessCalendar> = fc.record({
  timeZone: fc.constantFrom(...zones),
  slots: fc.constant(WEEKDAYS.filter((d) => d !== 'sun').flatMap((day) => [{ day, start: '08:00', end: '12:30' }, { day, start: '13:30', end: '19:00' }])),
  holidays: fc.constantFrom([], [{ date: '2026-03-30' }, { date: '2026-11-02' }], [{ date: '2020-03-09', yearly: true }]),
});
const stepArb = fc.record({
  gap: fc.integer({ min: 0, max: 3 * 24 * 60 }).map((m) => m * MIN),
  kind: fc.constantFrom('inbound', 'outbound', 'open', 'pending', 'waiting_on_customer', 'resolved', 'inbound', 'outbound'),
});
// Conversations start around the March and November DST changes of 2026 in Europe and the US.
const timelineArb = fc
  .record({
    start: fc.constantFrom(Date.UTC(2026, 2, 5), Date.UTC(2026, 2, 26), Date.UTC(2026, 9, 22), Date.UTC(2026, 9, 29)),
    offset: fc.integer({ min: 0, max: 7 * 24 * 60 }).map((m) => m * MIN),
    steps: fc.array(stepArb, { maxLength: 12 }),
    tail: fc.integer({ min: 0, max: 5 * 24 * 60 }).map((m) => m * MIN),
  })
  .map(({ start, offset, steps, tail }) => {
    let t = start + offset;
    const events: SlaEvent[] = [{ type: 'created', at: new Date(t) }, { type: 'inbound', at: new Date(t) }];
    for (const s of steps) {
      t += s.gap;
      events.push(s.kind === 'inbound' || s.kind === 'outbound' ? { type: s.kind, at: new Date(t) } : { type: 'status', at: new Date(t), status: s.kind });
    }
    return { events, now: new Date(t + tail) };
  });
const targetsArb = fc.record({
  firstResponseMs: fc.integer({ min: 1, max: 48 * 60 }).map((m) => m * MIN),
  nextResponseMs: fc.integer({ min: 1, max: 48 * 60 }).map((m) => m * MIN),
  resolutionMs: fc.integer({ min: 1, max: 5 * 24 * 60 }).map((m) => m * MIN),
});

function statuses(r: SlaReport): SlaTargetStatus[] {
  return [r.firstResponse, ...r.nextResponseCycles, r.resolution].filter((s): s is SlaTargetStatus => s !== null);
}

describe('SLA clock: properties', () => {
  it('splits each response clock exactly into active and paused time', () => {
    fc.assert(
      fc.property(timelineArb, ({ events, now }) => {
        const tl = buildTimeline(events, now);
        for (const clock of [tl.firstResponse, ...tl.nextResponses].filter((c) => c !== null)) {
          const active = clock.active.reduce((s, x) => s + x.end - x.start, 0);
          expect(active + clock.pausedMs).toBe((clock.stoppedAt ?? now.getTime()) - clock.startedAt);
        }
      }),
    );
  });

  it('in calendar time, breached means elapsed beyond the target; met means stopped', () => {
    fc.assert(
      fc.property(timelineArb, targetsArb, ({ events, now }, targets) => {
        const r = computeSla({ id: 'p', match: {}, businessHours: false, targets }, events, { now });
        for (const s of statuses(r)) {
          expect(s.state === 'breached').toBe(s.elapsedMs > s.targetMs);
          if (s.state === 'met') expect(s.stoppedAt).not.toBeNull();
          if (s.state === 'warning') expect(s.elapsedMs).toBeGreaterThanOrEqual(0.8 * s.targetMs);
        }
      }),
    );
  });

  it('in business time, a running clock is due when the remaining business time has passed', () => {
    fc.assert(
      fc.property(timelineArb, targetsArb, calendarArb, ({ events, now }, targets, cal) => {
        const calendar = compileCalendar(cal);
        const r = computeSla({ id: 'p', match: {}, businessHours: true, targets }, events, { now, calendar });
        for (const s of statuses(r)) {
          if (s.elapsedMs > s.targetMs) expect(s.state).toBe('breached');
          if (s.state === 'breached') expect(s.elapsedMs).toBeGreaterThanOrEqual(s.targetMs);
          if (s.running && s.state !== 'breached' && s.elapsedMs < s.targetMs) {
            expect(s.dueAt).toEqual(addBusinessTime(calendar, now, s.targetMs - s.elapsedMs));
          }
          if (s.paused && s.state !== 'breached') expect(s.dueAt).toBeNull();
        }
      }),
      { numRuns: 60 },
    );
  });

  it('metrics and SLA elapsed time come from the same clock', () => {
    fc.assert(
      fc.property(timelineArb, calendarArb, ({ events, now }, cal) => {
        const calendar = compileCalendar(cal);
        const targets = { firstResponseMs: HOUR, nextResponseMs: HOUR, resolutionMs: HOUR };
        const business = computeSla({ id: 'p', match: {}, businessHours: true, targets }, events, { now, calendar });
        const wall = computeSla({ id: 'p', match: {}, businessHours: false, targets }, events, { now });
        const m = conversationMetrics(events, { now, calendar });
        if (m.firstResponse) {
          expect(m.firstResponse.businessMs).toBe(business.firstResponse?.elapsedMs);
          expect(m.firstResponse.calendarMs).toBe(wall.firstResponse?.elapsedMs);
        }
        if (m.resolution) expect(m.resolution.calendarMs).toBe(wall.resolution?.elapsedMs);
        expect(m.nextResponses.length).toBeLessThanOrEqual(business.nextResponseCycles.length);
      }),
      { numRuns: 60 },
    );
  });

  it('never moves backwards as time passes: elapsed grows and states only advance', () => {
    const rank = { ok: 0, warning: 1, breached: 2, met: 2 } as const;
    fc.assert(
      fc.property(timelineArb, targetsArb, fc.integer({ min: 1, max: 3 * 24 * 60 }), ({ events, now }, targets, later) => {
        const p: SlaPolicy = { id: 'p', match: {}, businessHours: true, targets };
        const calendar = compileCalendar(berlin);
        const before = statuses(computeSla(p, events, { now, calendar }));
        const after = statuses(computeSla(p, events, { now: new Date(now.getTime() + later * MIN), calendar }));
        before.forEach((b, i) => {
          const a = after[i];
          expect(a).toBeDefined();
          if (!a) return;
          expect(a.elapsedMs).toBeGreaterThanOrEqual(b.elapsedMs);
          expect(rank[a.state]).toBeGreaterThanOrEqual(rank[b.state]);
          if (b.state === 'met' || b.state === 'breached') expect(a.state).toBe(b.state);
        });
      }),
      { numRuns: 60 },
    );
  });

  it('a next-response clock resumed after waiting on the customer falls due where the clock over its timeline says', () => {
    const subject = { priority: 'normal' as const, channel: 'email', tier: 1 as const, customerGroups: [] };
    const minutes = (maxDays: number) => fc.integer({ min: 0, max: maxDays * 24 * 60 }).map((m) => m * MIN);
    fc.assert(
      fc.property(
        calendarArb,
        fc.boolean(),
        fc.integer({ min: 1, max: 48 * 60 }).map((m) => m * MIN),
        timelineArb.map(({ events }) => events[0]?.at.getTime() ?? 0),
        minutes(3),
        minutes(5),
        (cal, businessHours, nextResponseMs, asked, waited, pause) => {
          const calendar = compileCalendar(cal);
          const p: SlaPolicy = { id: 'p', match: {}, businessHours, targets: { nextResponseMs } };
          const pausedAt = new Date(asked + waited);
          const resumedAt = new Date(pausedAt.getTime() + pause);
          const started = nextResponseDue([p], calendar, subject, new Date(asked));
          if (!started) throw new Error('the policy sets a next-response target');
          const resumed = resumedNextResponse([p], calendar, subject, { dueAt: started.dueAt, warnAt: started.warnAt, pausedAt }, resumedAt);
          const events: SlaEvent[] = [
            { type: 'created', at: new Date(asked - 2 * HOUR) },
            { type: 'inbound', at: new Date(asked - 2 * HOUR) },
            { type: 'outbound', at: new Date(asked - HOUR) },
            { type: 'inbound', at: new Date(asked) },
            { type: 'status', at: pausedAt, status: 'pending' },
            { type: 'inbound', at: resumedAt },
          ];
          const cycle = computeSla(p, events, { now: resumedAt, calendar }).nextResponse;
          expect(resumed.dueAt).toEqual(cycle?.dueAt);
          expect(resumed.warnAt).toEqual(cycle?.warnAt);
          if (businessHours && started.dueAt >= pausedAt) {
            expect(resumed.dueAt.getTime()).toBeGreaterThanOrEqual(resumedAt.getTime());
            expect(businessTimeBetween(calendar, resumedAt, resumed.dueAt)).toBe(businessTimeBetween(calendar, pausedAt, started.dueAt));
          }
          if (!businessHours && started.dueAt >= pausedAt) expect(resumed.dueAt.getTime() - started.dueAt.getTime()).toBe(pause);
        },
      ),
      { numRuns: 200 },
    );
  });
});
