import { describe, expect, it } from 'vitest';
import { isOpen, type BusinessCalendar } from './business-hours.js';
import { AppError } from './errors.js';
import { parseIcsHolidays } from './ical.js';

const crlf = (lines: string[]): string => lines.join('\r\n') + '\r\n';
const wrap = (body: string[]): string => crlf(['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Parley//Test//EN', ...body, 'END:VCALENDAR']);

function rejection(text: string): { message: string; line: unknown } {
  try {
    parseIcsHolidays(text);
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    const e = err as AppError;
    expect(e.code).toBe('invalid');
    return { message: e.message, line: e.details?.line };
  }
  throw new Error('expected the input to be rejected');
}

describe('parseIcsHolidays', () => {
  it('imports a folded, yearly recurring holiday and a one-off multi-day closure', () => {
    const text = wrap([
      'BEGIN:VEVENT',
      'UID:xmas@parley',
      'DTSTART;VALUE=DATE:20251225',
      'DTEND;VALUE=DATE:20251227',
      'RRULE:FREQ=YEARLY',
      'SUMMARY:Weihnachten (1. und 2. Feiertag)\\, Büro geschl',
      ' ossen',
      'BEGIN:VALARM',
      'TRIGGER:-PT15M',
      'ACTION:DISPLAY',
      'END:VALARM',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20260601',
      'SUMMARY:Inventur',
      'END:VEVENT',
    ]);
    expect(parseIcsHolidays(text)).toEqual([
      { date: '2025-12-25', name: 'Weihnachten (1. und 2. Feiertag), Büro geschlossen', yearly: true },
      { date: '2025-12-26', name: 'Weihnachten (1. und 2. Feiertag), Büro geschlossen', yearly: true },
      { date: '2026-06-01', name: 'Inventur' },
    ]);
  });

  it('closes the business on imported yearly holidays in later years', () => {
    const holidays = parseIcsHolidays(wrap(['BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20251003', 'RRULE:FREQ=YEARLY', 'SUMMARY:Tag der Deutschen Einheit', 'END:VEVENT']));
    const cal: BusinessCalendar = { timeZone: 'Europe/Berlin', slots: [{ day: 'fri', start: '08:00', end: '18:00' }], holidays };
    expect(isOpen(cal, new Date('2031-10-03T10:00:00Z'))).toBe(false);
    expect(isOpen(cal, new Date('2031-10-10T10:00:00Z'))).toBe(true);
  });

  it('accepts LF line endings, tab folding, a BOM, plain 8-digit dates and DURATION', () => {
    const text = '\uFEFFBEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20260406\nDURATION:P1W\nSUMMARY:Oster\n\tferien\nEND:VEVENT\nEND:VCALENDAR\n';
    const holidays = parseIcsHolidays(text);
    expect(holidays).toHaveLength(7);
    expect(holidays[6]).toEqual({ date: '2026-04-12', name: 'Osterferien' });
  });

  it('turns COUNT and UNTIL into the last year of recurrence', () => {
    const byCount = parseIcsHolidays(wrap(['BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20261231', 'DTEND;VALUE=DATE:20270102', 'RRULE:FREQ=YEARLY;COUNT=3', 'END:VEVENT']));
    expect(byCount).toEqual([
      { date: '2026-12-31', yearly: true, untilYear: 2028 },
      { date: '2027-01-01', yearly: true, untilYear: 2029 },
    ]);
    const byUntil = parseIcsHolidays(wrap(['BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20260501', 'RRULE:FREQ=YEARLY;UNTIL=20300430', 'END:VEVENT']));
    expect(byUntil).toEqual([{ date: '2026-05-01', yearly: true, untilYear: 2029 }]);
  });

  it('skips cancelled events', () => {
    expect(parseIcsHolidays(wrap(['BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20260501', 'STATUS:CANCELLED', 'END:VEVENT']))).toEqual([]);
  });

  it.each([
    ['a missing VCALENDAR', crlf(['BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20260501', 'END:VEVENT']), 1, /BEGIN:VCALENDAR/],
    ['a line without a colon', wrap(['BEGIN:VEVENT', 'DTSTART;VALUE=DATE 20260501', 'END:VEVENT']), 5, /NAME:VALUE/],
    ['a timed event', wrap(['BEGIN:VEVENT', 'DTSTART:20260501T090000Z', 'END:VEVENT']), 5, /all-day/],
    ['an impossible date', wrap(['BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20260230', 'END:VEVENT']), 5, /not a date/],
    ['an end before the start', wrap(['BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20260502', 'DTEND;VALUE=DATE:20260501', 'END:VEVENT']), 6, /after DTSTART/],
    ['a monthly rule', wrap(['BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20260501', 'RRULE:FREQ=MONTHLY', 'END:VEVENT']), 6, /FREQ=YEARLY/],
    ['a weekday rule', wrap(['BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20261126', 'RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=4TH', 'END:VEVENT']), 6, /BYDAY/],
    ['an EXDATE', wrap(['BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20260501', 'RRULE:FREQ=YEARLY', 'EXDATE;VALUE=DATE:20270501', 'END:VEVENT']), 7, /EXDATE/],
    ['an event without DTSTART', wrap(['BEGIN:VEVENT', 'SUMMARY:x', 'END:VEVENT']), 4, /without DTSTART/],
    ['mismatched END', wrap(['BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20260501', 'END:VTODO']), 6, /does not close/],
    ['a missing END:VCALENDAR', crlf(['BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'DTSTART;VALUE=DATE:20260501', 'END:VEVENT']), 4, /missing END:VCALENDAR/],
    ['a continuation at the start', ' BEGIN:VCALENDAR\r\nEND:VCALENDAR', 1, /continuation/],
    ['trailing content', wrap([]) + 'BEGIN:VEVENT\r\n', 5, /after END:VCALENDAR/],
  ])('rejects %s with the offending line', (_name, text, line, message) => {
    const r = rejection(text);
    expect(r.line).toBe(line);
    expect(r.message).toMatch(message);
  });

  it('reports the physical line where a folded property starts', () => {
    const text = crlf(['BEGIN:VCALENDAR', 'BEGIN:VEVENT', 'SUMMARY:long', ' name', 'DTSTART;VALUE=DATE:2026', ' 0231', 'END:VEVENT', 'END:VCALENDAR']);
    expect(rejection(text).line).toBe(5);
  });
});
