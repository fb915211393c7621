import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv.js';
import { isAppError } from './errors.js';
import { parseIcsHolidays } from './ical.js';
import { parseOrderCsv } from './order-csv.js';

// Files people upload (order exports, holiday calendars) are outside input: whatever they hold,
// the parsers answer with data or with problems naming a line, never with a crash or a hang.

const NOW = new Date('2026-06-01T00:00:00Z');
const csvChar = fc.constantFrom('a', 'Ä', '1', ',', ';', '\t', '"', '\n', '\r', ' ', '=', '€', '\u2028');
const csvText = fc.oneof(fc.string({ maxLength: 2000 }), fc.array(csvChar, { maxLength: 2000 }).map((cs) => cs.join('')));

function lineCount(text: string): number {
  return text.split(/\r\n|\r|\n/).length;
}

function quote(cell: string): string {
  return /[",;\r\n]/.test(cell) || cell.trim() !== cell ? `"${cell.replace(/"/g, '""')}"` : cell;
}

describe('CSV (fuzzed)', () => {
  it('reads back every table it is given, quoted as RFC 4180 writes it, with the right line numbers', () => {
    const cell = fc.string({ maxLength: 20 });
    const table = fc.array(fc.array(cell, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 20 });
    fc.assert(
      fc.property(table, fc.constantFrom(',', ';'), (rows, delimiter) => {
        const text = rows.map((r) => r.map(quote).join(delimiter)).join('\r\n');
        const parsed = parseCsv(text, delimiter);
        expect('records' in parsed).toBe(true);
        if (!('records' in parsed)) return;
        expect(parsed.records.map((r) => r.cells)).toEqual(rows);
        let line = 1;
        parsed.records.forEach((r, i) => {
          expect(r.line).toBe(line);
          line += lineCount(rows[i]!.map(quote).join(delimiter));
        });
      }),
    );
  });

  it('answers any text with records no larger than the text, or an error on one of its lines', () => {
    fc.assert(
      fc.property(csvText, (text) => {
        const parsed = parseCsv(text);
        if ('error' in parsed) {
          expect(parsed.error.line).toBeGreaterThanOrEqual(1);
          expect(parsed.error.line).toBeLessThanOrEqual(lineCount(text));
          return;
        }
        const size = parsed.records.reduce((n, r) => n + r.cells.reduce((m, c) => m + c.length, 0), 0);
        expect(size).toBeLessThanOrEqual(text.length);
        for (const r of parsed.records) expect(r.line).toBeLessThanOrEqual(lineCount(text));
      }),
      { numRuns: 500 },
    );
  });

  it('reads a long unterminated quote and a wall of delimiters without stalling', () => {
    expect(parseCsv(`a,b\n"${'x\n'.repeat(200_000)}`)).toEqual({ error: { line: 2, message: 'a quoted cell is never closed' } });
    const wide = parseCsv(`${';'.repeat(300_000)}\n`);
    expect('records' in wide && wide.records[0]?.cells.length).toBe(300_001);
  });
});

describe('order CSV (fuzzed)', () => {
  const value = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('49,90', '1.234,50', '-5', '1e309', 'NaN', '2026-13-45', '31.12.2025', 'EUR', 'XBT', 'paid', 'refunded', '=HYPERLINK("http://evil.example")', 'a@b.example', '00000000-0000-0000-0000-000000000000'));
  const header = fc.shuffledSubarray(['order_id', 'email', 'contact_id', 'date', 'amount', 'currency', 'status', 'bogus'], { minLength: 0 });

  it('turns any file into orders and problems that name a line of it', () => {
    const file = fc.tuple(header, fc.array(fc.array(value, { maxLength: 9 }), { maxLength: 15 }), fc.constantFrom(',', ';')).map(([h, rows, d]) => [h.join(d), ...rows.map((r) => r.map(quote).join(d))].join('\n'));
    fc.assert(
      fc.property(fc.oneof(file, csvText), (text) => {
        const { orders, problems } = parseOrderCsv(text, NOW);
        expect(orders.length + problems.length).toBeGreaterThan(0);
        for (const p of [...orders, ...problems]) {
          expect(p.line).toBeGreaterThanOrEqual(1);
          expect(p.line).toBeLessThanOrEqual(lineCount(text));
        }
        for (const o of orders) {
          expect(Number.isSafeInteger(o.amountMinor)).toBe(true);
          expect(o.orderedAt.getTime()).toBeLessThanOrEqual(NOW.getTime() + 86_400_000);
        }
        expect(problems.every((p) => typeof p.message === 'string' && p.message.length > 0)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});

describe('holiday calendars (fuzzed)', () => {
  const line = fc.oneof(
    fc.constantFrom('BEGIN:VCALENDAR', 'END:VCALENDAR', 'BEGIN:VEVENT', 'END:VEVENT', 'BEGIN:VTIMEZONE', 'END:VTIMEZONE', 'DTSTART;VALUE=DATE:20261224', 'DTEND;VALUE=DATE:20261227', 'DTSTART:20261224T100000Z', 'DURATION:P3D', 'DURATION:P9999D', 'RRULE:FREQ=YEARLY', 'RRULE:FREQ=YEARLY;COUNT=99999999999999999999', 'RRULE:FREQ=DAILY', 'RRULE:FREQ=YEARLY;UNTIL=99991231', 'SUMMARY:Heiligabend', 'EXDATE:20261224', ' folded continuation'),
    fc.string({ maxLength: 60 }),
  );
  const calendar = fc.array(line, { maxLength: 30 }).map((ls) => ['BEGIN:VCALENDAR', ...ls, 'END:VCALENDAR'].join('\r\n'));

  it('reads holidays or names the bad line, for any calendar', () => {
    fc.assert(
      fc.property(fc.oneof(calendar, fc.string({ maxLength: 500 })), (text) => {
        try {
          const holidays = parseIcsHolidays(text);
          for (const h of holidays) expect(JSON.stringify(h).length).toBeLessThan(500);
          expect(holidays.length).toBeLessThanOrEqual(366 * 30);
        } catch (err) {
          expect(isAppError(err) && err.code === 'invalid').toBe(true);
          if (isAppError(err)) expect(err.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 500 },
    );
  });
});
