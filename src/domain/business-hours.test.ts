import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addBusinessTime,
  businessTimeBetween,
  compileCalendar,
  isOpen,
  nextOpening,
  WEEKDAYS,
  type BusinessCalendar,
  type TimeSlot,
} from './business-hours.js';
import { AppError } from './errors.js';

const HOUR = 3_600_000;
const workdays = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;
const berlinOffice: BusinessCalendar = {
  timeZone: 'Europe/Berlin',
  slots: workdays.flatMap((day) => [
    { day, start: '08:00', end: '12:00' },
    { day, start: '13:00', end: '18:00' },
  ]),
  holidays: [],
};

describe('business hours: examples', () => {
  it('a message at 17:59 on Friday with a 1-hour target is due Monday 08:59 (Berlin)', () => {
    const friday1759 = new Date('2026-11-27T16:59:00Z');
    expect(addBusinessTime(berlinOffice, friday1759, HOUR).toISOString()).toBe('2026-11-30T07:59:00.000Z');
  });

  it('skips a holiday Monday', () => {
    const cal = { ...berlinOffice, holidays: [{ date: '2026-11-30' }] };
    expect(addBusinessTime(cal, new Date('2026-11-27T16:59:00Z'), HOUR).toISOString()).toBe('2026-12-01T07:59:00.000Z');
  });

  it('skips a yearly holiday in later years and stops after untilYear', () => {
    const cal = { ...berlinOffice, holidays: [{ date: '2020-12-25', yearly: true, untilYear: 2027 }] };
    expect(isOpen(cal, new Date('2026-12-25T09:00:00Z'))).toBe(false);
    expect(isOpen(cal, new Date('2028-12-25T09:00:00Z'))).toBe(true);
    expect(isOpen(cal, new Date('2019-12-25T09:00:00Z'))).toBe(true);
  });

  it('counts the lunch break as closed', () => {
    const at1130 = new Date('2026-11-24T10:30:00Z');
    expect(addBusinessTime(berlinOffice, at1130, HOUR).toISOString()).toBe('2026-11-24T12:30:00.000Z');
    expect(isOpen(berlinOffice, new Date('2026-11-24T11:30:00Z'))).toBe(false);
  });

  it('a target that uses up the day exactly is due at closing time', () => {
    expect(addBusinessTime(berlinOffice, new Date('2026-11-27T16:00:00Z'), HOUR).toISOString()).toBe('2026-11-27T17:00:00.000Z');
  });

  it('treats opening as open and closing as closed', () => {
    expect(isOpen(berlinOffice, new Date('2026-11-24T07:00:00Z'))).toBe(true);
    expect(isOpen(berlinOffice, new Date('2026-11-24T06:59:59.999Z'))).toBe(false);
    expect(isOpen(berlinOffice, new Date('2026-11-24T17:00:00Z'))).toBe(false);
  });

  it('nextOpening returns the instant itself when open, else the next slot start', () => {
    const open = new Date('2026-11-24T09:00:00Z');
    expect(nextOpening(berlinOffice, open)).toEqual(open);
    expect(nextOpening(berlinOffice, new Date('2026-11-28T10:00:00Z')).toISOString()).toBe('2026-11-30T07:00:00.000Z');
  });

  it('keeps wall-clock opening hours over the spring-forward weekend (Berlin, 29 March 2026)', () => {
    // Friday 17:59 CET; Monday 08:59 is CEST, one hour less UTC offset difference.
    expect(addBusinessTime(berlinOffice, new Date('2026-03-27T16:59:00Z'), HOUR).toISOString()).toBe('2026-03-30T06:59:00.000Z');
    expect(nextOpening(berlinOffice, new Date('2026-03-28T12:00:00Z')).toISOString()).toBe('2026-03-30T06:00:00.000Z');
  });

  it('measures a 23-hour and a 25-hour day in a 24/7 calendar across DST (Berlin and New York)', () => {
    const always = (timeZone: string): BusinessCalendar => ({
      timeZone,
      slots: WEEKDAYS.map((day) => ({ day, start: '00:00', end: '24:00' })),
      holidays: [],
    });
    const berlin = always('Europe/Berlin');
    expect(businessTimeBetween(berlin, new Date('2026-03-28T23:00:00Z'), new Date('2026-03-29T22:00:00Z'))).toBe(23 * HOUR);
    const sundayOnly = { ...berlin, slots: [{ day: 'sun' as const, start: '00:00', end: '24:00' }] };
    expect(businessTimeBetween(sundayOnly, new Date('2026-03-27T00:00:00Z'), new Date('2026-03-31T00:00:00Z'))).toBe(23 * HOUR);
    expect(businessTimeBetween(sundayOnly, new Date('2026-10-23T00:00:00Z'), new Date('2026-10-27T00:00:00Z'))).toBe(25 * HOUR);
    const ny = { timeZone: 'America/New_York', slots: [{ day: 'sun' as const, start: '00:00', end: '24:00' }], holidays: [] };
    expect(businessTimeBetween(ny, new Date('2026-03-07T00:00:00Z'), new Date('2026-03-10T00:00:00Z'))).toBe(23 * HOUR);
    expect(businessTimeBetween(ny, new Date('2026-10-31T00:00:00Z'), new Date('2026-11-03T00:00:00Z'))).toBe(25 * HOUR);
  });

  it('opens a slot that starts inside the skipped hour when the clock jumps, and runs a repeated hour twice', () => {
    const night = (start: string, end: string): BusinessCalendar => ({ timeZone: 'Europe/Berlin', slots: [{ day: 'sun', start, end }], holidays: [] });
    const spring = [new Date('2026-03-28T00:00:00Z'), new Date('2026-03-30T00:00:00Z')] as const;
    const autumn = [new Date('2026-10-24T00:00:00Z'), new Date('2026-10-26T00:00:00Z')] as const;
    expect(businessTimeBetween(night('02:30', '04:00'), ...spring)).toBe(HOUR);
    expect(businessTimeBetween(night('02:30', '03:00'), ...spring)).toBe(0);
    expect(businessTimeBetween(night('02:30', '03:00'), ...autumn)).toBe(1.5 * HOUR);
  });

  it('uses half-hour offsets (Asia/Kolkata)', () => {
    const cal: BusinessCalendar = { timeZone: 'Asia/Kolkata', slots: [{ day: 'mon', start: '09:00', end: '17:00' }], holidays: [] };
    expect(nextOpening(cal, new Date('2026-11-22T00:00:00Z')).toISOString()).toBe('2026-11-23T03:30:00.000Z');
  });

  it('rejects invalid calendars and negative durations with AppError invalid', () => {
    const bad = [
      { ...berlinOffice, timeZone: 'Mars/Olympus' },
      { ...berlinOffice, slots: [] },
      { ...berlinOffice, slots: [{ day: 'mon' as const, start: '18:00', end: '08:00' }] },
      { ...berlinOffice, holidays: [{ date: '2026-02-30' }] },
    ];
    for (const cal of bad) expect(() => isOpen(cal, new Date())).toThrow(AppError);
    expect(() => addBusinessTime(berlinOffice, new Date(), -1)).toThrow(AppError);
  });

  it('refuses to search forever in a calendar that never opens', () => {
    const mondays = Array.from({ length: 200 }, (_, i) => ({ date: new Date(Date.UTC(2026, 10, 23) + i * 7 * 86_400_000).toISOString().slice(0, 10) }));
    const cal: BusinessCalendar = { timeZone: 'UTC', slots: [{ day: 'mon', start: '09:00', end: '10:00' }], holidays: mondays };
    expect(() => addBusinessTime(cal, new Date('2026-11-22T00:00:00Z'), HOUR)).toThrow(/no open time/);
  });
});

const zones = ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Sydney', 'UTC'] as const;
const halfHour = fc.integer({ min: 0, max: 48 });
const slotArb: fc.Arbitrary<TimeSlot> = fc
  .record({ day: fc.constantFrom(...WEEKDAYS), a: halfHour, b: halfHour })
  .filter(({ a, b }) => a !== b)
  .map(({ day, a, b }) => ({ day, start: hhmm(Math.min(a, b) * 30), end: hhmm(Math.max(a, b) * 30) }));
const dayArb = fc.integer({ min: Date.UTC(2025, 0, 1) / 86_400_000, max: Date.UTC(2027, 11, 31) / 86_400_000 });
const holidayArb = fc.record({
  date: dayArb.map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10)),
  yearly: fc.boolean(),
});
const calendarArb: fc.Arbitrary<BusinessCalendar> = fc.record({
  timeZone: fc.constantFrom(...zones),
  slots: fc.array(slotArb, { minLength: 1, maxLength: 10 }),
  holidays: fc.array(holidayArb, { maxLength: 40 }),
});
// Half of the instants fall within two days of a DST change in one of the zones above.
const dstChanges = ['2025-03-30', '2025-10-26', '2026-03-29', '2026-10-25', '2025-03-09', '2025-11-02', '2026-03-08', '2026-11-01', '2025-04-06', '2025-10-05', '2026-04-05', '2026-10-04'];
const instantArb = fc.oneof(
  fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 11, 31) }),
  fc.tuple(fc.constantFrom(...dstChanges), fc.integer({ min: -48 * HOUR, max: 48 * HOUR })).map(([d, delta]) => Date.parse(`${d}T00:00:00Z`) + delta),
).map((ms) => new Date(ms));
const durationArb = fc.integer({ min: 0, max: 5 * 24 * HOUR });

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

const wallClocks = new Map<string, Intl.DateTimeFormat>(
  zones.map((timeZone) => [
    timeZone,
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', weekday: 'short', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }),
  ]),
);

// Independent oracle: reads the wall clock through Intl and checks the slot table directly.
function openByWallClock(cal: BusinessCalendar, at: Date): boolean {
  const parts = Object.fromEntries((wallClocks.get(cal.timeZone)?.formatToParts(at) ?? []).map((p) => [p.type, p.value]));
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  const holiday = cal.holidays.some((h) => h.date === date || (h.yearly && h.date.slice(5) === date.slice(5) && h.date <= date));
  const weekday = String(parts.weekday).toLowerCase();
  const now = `${parts.hour}:${parts.minute}`;
  return !holiday && cal.slots.some((s) => s.day === weekday && s.start <= now && now < s.end);
}

describe('business hours: properties', () => {
  it('isOpen agrees with the wall clock in every zone, across DST and holidays', () => {
    fc.assert(
      fc.property(calendarArb, fc.array(instantArb, { minLength: 1, maxLength: 20 }), (cal, instants) => {
        const c = compileCalendar(cal);
        for (const at of instants) {
          const minute = new Date(Math.floor(at.getTime() / 60_000) * 60_000);
          expect(isOpen(c, minute)).toBe(openByWallClock(cal, minute));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('addBusinessTime then businessTimeBetween round-trips', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, durationArb, (cal, start, ms) => {
        const c = compileCalendar(cal);
        expect(businessTimeBetween(c, start, addBusinessTime(c, start, ms))).toBe(ms);
      }),
      { numRuns: 300 },
    );
  });

  it('the due time lies in open hours (or at a closing edge) and never before the start', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, durationArb, (cal, start, ms) => {
        const c = compileCalendar(cal);
        const due = addBusinessTime(c, start, ms);
        expect(due.getTime()).toBeGreaterThanOrEqual(start.getTime());
        if (ms === 0) expect(due).toEqual(nextOpening(c, start));
        else expect(isOpen(c, new Date(due.getTime() - 1))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('is monotonic in ms', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, durationArb, durationArb, (cal, start, x, y) => {
        const c = compileCalendar(cal);
        const [small, large] = x <= y ? [x, y] : [y, x];
        expect(addBusinessTime(c, start, small).getTime()).toBeLessThanOrEqual(addBusinessTime(c, start, large).getTime());
      }),
      { numRuns: 200 },
    );
  });

  it('businessTimeBetween is additive, antisymmetric and bounded by calendar time', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, durationArb, durationArb, (cal, a, x, y) => {
        const c = compileCalendar(cal);
        const b = new Date(a.getTime() + x * 4);
        const d = new Date(b.getTime() + y * 4);
        const ab = businessTimeBetween(c, a, b);
        expect(ab + businessTimeBetween(c, b, d)).toBe(businessTimeBetween(c, a, d));
        expect(businessTimeBetween(c, b, a) + ab).toBe(0);
        expect(ab).toBeLessThanOrEqual(b.getTime() - a.getTime());
      }),
      { numRuns: 150 },
    );
  });
});
