import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv.js';
import { parseAmount } from './money.js';
import { parseOrderCsv } from './order-csv.js';
import { parseOrder } from './orders.js';

const now = new Date('2026-06-30T12:00:00Z');
const contactId = '4f6c1d2e-8a3b-4c5d-9e7f-0a1b2c3d4e5f';

describe('amounts', () => {
  const cases: [unknown, string, number | null][] = [
    [49.9, 'EUR', 4990],
    ['49.90', 'EUR', 4990],
    [0, 'EUR', 0],
    ['1200', 'JPY', 1200],
    ['1.5', 'JPY', null],
    [0.1 + 0.2, 'EUR', null],
    ['12.345', 'KWD', 12345],
    ['-5', 'EUR', null],
    ['1e3', 'EUR', null],
    ['', 'EUR', null],
    [null, 'EUR', null],
  ];
  for (const [value, currency, minor] of cases) {
    it(`${JSON.stringify(value)} ${currency} → ${minor ?? 'error'}`, () => {
      const r = parseAmount(value, currency);
      if (minor === null) expect(r).toHaveProperty('error');
      else expect(r).toEqual({ minor });
    });
  }
});

describe('one order from the JSON API', () => {
  it('accepts a calendar date as midnight UTC and normalises currency and status', () => {
    expect(parseOrder({ id: 'A-1', date: '2026-03-01', amount: '19.99', currency: 'eur', status: 'Paid' }, now)).toEqual({
      order: { orderId: 'A-1', orderedAt: new Date('2026-03-01T00:00:00Z'), amountMinor: 1999, currency: 'EUR', status: 'paid' },
    });
  });

  it('reports every bad field of the row, including unknown ones', () => {
    const r = parseOrder({ id: '', date: '2026-02-30', amount: 'ten', currency: 'Euro', status: 'lost', coupon: 'X' }, now);
    expect('problems' in r && r.problems.map((p) => p.field).sort()).toEqual(['amount', 'coupon', 'currency', 'date', 'id', 'status']);
  });

  it('rejects dates in the future and date-times without an offset', () => {
    expect(parseOrder({ id: 'A', date: '2026-07-05', amount: 1, currency: 'EUR', status: 'paid' }, now)).toMatchObject({ problems: [{ field: 'date', message: 'lies in the future' }] });
    expect(parseOrder({ id: 'A', date: '2026-03-01T10:00:00', amount: 1, currency: 'EUR', status: 'paid' }, now)).toMatchObject({ problems: [{ field: 'date' }] });
  });
});

describe('CSV records', () => {
  it('keeps quoted delimiters, doubled quotes and line breaks, and numbers records by their first line', () => {
    const r = parseCsv('a,b\n"x, y","say ""hi"""\n\n"multi\nline",z\r\nlast,1');
    expect(r).toEqual({ records: [
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x, y', 'say "hi"'] },
      { line: 4, cells: ['multi\nline', 'z'] },
      { line: 6, cells: ['last', '1'] },
    ] });
  });

  it('reports an unterminated quote at the line it opened', () => {
    expect(parseCsv('a,b\n1,"open\n2,3')).toEqual({ error: { line: 2, message: 'a quoted cell is never closed' } });
  });
});

describe('order CSV', () => {
  it('reads a header with any of the usual column names, in any order', () => {
    const csv = 'Status,Order ID,E-Mail,Datum,Betrag,Währung\ndelivered,1001,Anna@Example.org,2026-05-01,"49,90",EUR\n';
    expect(parseOrderCsv(csv, now)).toEqual({
      orders: [{ line: 2, contact: { kind: 'email', email: 'anna@example.org' }, orderId: '1001', orderedAt: new Date('2026-05-01T00:00:00Z'), amountMinor: 4990, currency: 'EUR', status: 'delivered' }],
      problems: [],
    });
  });

  it('reads semicolon exports with German thousands separators', () => {
    const r = parseOrderCsv(`contact;order;date;amount;currency;status\n${contactId};7;2026-05-01;1.234,50;EUR;paid`, now);
    expect(r.orders[0]).toMatchObject({ contact: { kind: 'id', id: contactId }, amountMinor: 123450 });
  });

  it('reads the documented column order when there is no header', () => {
    const r = parseOrderCsv(`anna@example.org,1001,2026-05-01,10.00,EUR,paid\n${contactId},1002,2026-05-02,20.00,EUR,shipped`, now);
    expect(r.problems).toEqual([]);
    expect(r.orders.map((o) => [o.line, o.orderId])).toEqual([[1, '1001'], [2, '1002']]);
  });

  it('reports every bad cell with its line and field', () => {
    const csv = [
      'email,order_id,date,amount,currency,status',
      'anna@example.org,1,2026-05-01,10.00,EUR,paid',
      'not-an-address,2,2026-05-01,10.00,EUR,paid',
      'anna@example.org,3,yesterday,ten,EUR,paid',
      'anna@example.org,1,2026-05-01,10.00,EURO,lost',
      'anna@example.org,4,2026-05-01,10.00,EUR,paid,extra',
    ].join('\n');
    expect(parseOrderCsv(csv, now).problems).toEqual([
      { line: 3, field: 'contact', message: '"not-an-address" is neither a contact id nor an e-mail address' },
      { line: 4, field: 'date', message: expect.stringContaining('is not a date') },
      { line: 4, field: 'amount', message: '"ten" is not a decimal number such as 49.90' },
      { line: 5, field: 'currency', message: 'must be a three-letter ISO 4217 code such as EUR' },
      { line: 5, field: 'status', message: expect.stringContaining('must be one of') },
      { line: 5, field: 'orderId', message: 'order 1 appears already on line 2' },
      { line: 6, field: 'csv', message: 'has 7 cells, the header 6' },
    ]);
  });

  it('names missing columns and empty files', () => {
    expect(parseOrderCsv('email,order_id,date,amount\nanna@example.org,1,2026-05-01,10', now).problems.map((p) => p.field)).toEqual(['currency', 'status']);
    expect(parseOrderCsv('\n\n', now).problems).toEqual([{ line: 1, field: 'csv', message: 'the file holds no orders' }]);
    expect(parseOrderCsv('email,order_id,date,amount,currency,status\n', now).problems).toEqual([{ line: 1, field: 'csv', message: 'the file holds no orders' }]);
  });
});
