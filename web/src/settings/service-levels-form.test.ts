import { describe, expect, it } from 'vitest';
import { calendarFromHours, hoursFromCalendar, policiesFromRows, rowsFromPolicies } from './service-levels-form.js';

describe('service-level settings form', () => {
  it('turns hours into policy targets and back', () => {
    const policies = policiesFromRows([
      { name: 'Standard', priority: '', customerGroup: '', firstResponseHours: '4', resolutionHours: '72', businessHours: true },
      { name: 'Dringend', priority: 'urgent', customerGroup: '', firstResponseHours: '0,5', resolutionHours: '', businessHours: false },
    ]);
    expect(policies[0]).toMatchObject({ id: 'standard', match: {}, targets: { firstResponseMs: 4 * 3_600_000, resolutionMs: 72 * 3_600_000 }, businessHours: true });
    expect(policies[1]).toMatchObject({ id: 'dringend', match: { priority: 'urgent' }, targets: { firstResponseMs: 1_800_000 } });
    expect(rowsFromPolicies(policies)[1]).toMatchObject({ firstResponseHours: '0.5', resolutionHours: '', priority: 'urgent' });
  });

  it('keeps holidays and opens Saturday when asked', () => {
    const cal = calendarFromHours({ timeZone: 'Europe/Vienna', weekdayStart: '09:00', weekdayEnd: '17:00', saturday: true }, [{ date: '2026-12-24' }]);
    expect(cal.slots.map((s) => s.day)).toEqual(['mon', 'tue', 'wed', 'thu', 'fri', 'sat']);
    expect(cal.holidays).toEqual([{ date: '2026-12-24' }]);
    expect(hoursFromCalendar(cal)).toEqual({ timeZone: 'Europe/Vienna', weekdayStart: '09:00', weekdayEnd: '17:00', saturday: true });
  });
});
