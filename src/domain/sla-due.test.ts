import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from './business-hours.js';
import { dueTimes, nextResponseDue } from './sla-due.js';
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
});
