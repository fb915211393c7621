import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from './business-hours.js';
import { dueTimes, nextResponseDue, resumedNextResponse } from './sla-due.js';
import { parseSlaPolicies } from './sla-policy.js';

const calendar: BusinessCalendar = {
  timeZone: 'Europe/Berlin',
  slots: (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((day) => ({ day, start: '08:00', end: '18:00' })),
  holidays: [],
};
const policies = parseSlaPolicies([
  { id: 'standard', match: {}, targets: { firstResponseMs: 3_600_000, resolutionMs: 8 * 3_600_000 }, businessHours: true },
  { id: 'urgent', match: { priority: 'urgent' }, targets: { firstResponseMs: 900_000 }, businessHours: false },
]);
const subject = { priority: 'normal' as const, channel: 'email', tier: 1 as const, customerGroups: [] };

describe('SLA due times', () => {
  it('carries a Friday 17:59 message over the weekend in business hours', () => {
    const due = dueTimes(policies, calendar, subject, new Date('2026-11-27T16:59:00Z'));
    expect(due?.policyId).toBe('standard');
    expect(due?.firstResponseDueAt?.toISOString()).toBe('2026-11-30T07:59:00.000Z');
    expect(due?.firstResponseWarnAt?.toISOString()).toBe('2026-11-30T07:47:00.000Z');
  });

  it('counts calendar time for a round-the-clock policy and picks the most specific one', () => {
    const due = dueTimes(policies, calendar, { ...subject, priority: 'urgent' }, new Date('2026-11-28T23:00:00Z'));
    expect(due).toMatchObject({ policyId: 'urgent', resolutionDueAt: null });
    expect(due?.firstResponseDueAt?.toISOString()).toBe('2026-11-28T23:15:00.000Z');
  });

  it('gives no due time when no policy fits', () => {
    expect(dueTimes([], calendar, subject, new Date())).toBeNull();
  });

  it('gives the next response its own target, in business hours when the policy says so, and none without a target', () => {
    const withNext = parseSlaPolicies([{ id: 'next', match: {}, targets: { firstResponseMs: 3_600_000, nextResponseMs: 2 * 3_600_000 }, businessHours: true, warnAtRatio: 0.5 }]);
    // Friday 17:00 Berlin: one business hour left that day, the second on Monday from 08:00.
    const due = nextResponseDue(withNext, calendar, subject, new Date('2026-11-27T16:00:00Z'));
    expect(due).toEqual({ policyId: 'next', dueAt: new Date('2026-11-30T08:00:00Z'), warnAt: new Date('2026-11-27T17:00:00Z') });
    expect(nextResponseDue(policies, calendar, subject, new Date('2026-11-27T16:00:00Z'))).toBeNull();
  });

  describe('resuming a next-response clock after waiting on the customer', () => {
    // Berlin, Monday to Friday 09:00–18:00, Christmas Eve off; a one-hour next response in business hours.
    const office: BusinessCalendar = {
      timeZone: 'Europe/Berlin',
      slots: (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((day) => ({ day, start: '09:00', end: '18:00' })),
      holidays: [{ date: '2026-12-24', yearly: true }],
    };
    const hourly = (businessHours: boolean) => parseSlaPolicies([{ id: 'next', match: {}, targets: { nextResponseMs: 3_600_000 }, businessHours }]);
    const resume = (businessHours: boolean, asked: string, pausedAt: string, resumedAt: string) => {
      const started = nextResponseDue(hourly(businessHours), office, subject, new Date(asked));
      if (!started) throw new Error('the policy sets a next-response target');
      return resumedNextResponse(hourly(businessHours), office, subject, { ...started, pausedAt: new Date(pausedAt) }, new Date(resumedAt));
    };

    it('carries the 30 minutes left at Friday 17:00 to Monday 09:30 when the customer writes on Saturday', () => {
      // Asked Friday 16:30, due 17:30, warned 17:18; pending from 17:00; the customer answers Saturday 10:00.
      const resumed = resume(true, '2026-11-27T15:30:00Z', '2026-11-27T16:00:00Z', '2026-11-28T09:00:00Z');
      expect(resumed.dueAt.toISOString()).toBe('2026-11-30T08:30:00.000Z');
      expect(resumed.warnAt?.toISOString()).toBe('2026-11-30T08:18:00.000Z');
    });

    it('moves a round-the-clock clock by the pause in calendar time', () => {
      const resumed = resume(false, '2026-11-27T15:30:00Z', '2026-11-27T16:00:00Z', '2026-11-28T09:00:00Z');
      expect(resumed.dueAt.toISOString()).toBe('2026-11-28T09:30:00.000Z');
    });

    it('skips closing hours and a holiday between the pause and the resumption', () => {
      // Asked Wednesday 23 December 16:50, pending at 17:40 with ten minutes left; resumed at 20:00 that evening: Christmas Eve is off.
      const resumed = resume(true, '2026-12-23T15:50:00Z', '2026-12-23T16:40:00Z', '2026-12-23T19:00:00Z');
      expect(resumed.dueAt.toISOString()).toBe('2026-12-25T08:10:00.000Z');
    });

    it('counts local opening hours across the change from summer to winter time', () => {
      // Asked Friday 23 October 17:00 CEST, pending at 17:40 with 20 minutes left; resumed Sunday 25 October after clocks went back: Monday 09:20 CET.
      const resumed = resume(true, '2026-10-23T15:00:00Z', '2026-10-23T15:40:00Z', '2026-10-25T10:00:00Z');
      expect(resumed.dueAt.toISOString()).toBe('2026-10-26T08:20:00.000Z');
    });

    it('keeps a due time the clock had already reached before the pause', () => {
      const resumed = resume(true, '2026-11-27T14:00:00Z', '2026-11-27T16:00:00Z', '2026-11-30T09:00:00Z');
      expect(resumed.dueAt.toISOString()).toBe('2026-11-27T15:00:00.000Z');
    });
  });
});
