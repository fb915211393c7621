import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../domain/errors.js';
import { parseCsv, parseReviewImport } from './parse.js';

function errorsOf(fn: () => unknown): { code: string; errors: unknown } | null {
  try {
    fn();
  } catch (err) {
    if (isAppError(err)) return { code: err.code, errors: err.details?.errors };
    throw err;
  }
  return null;
}

describe('review imports', () => {
  it('reads CSV with quotes, commas and line breaks inside fields, either delimiter', () => {
    const csv = 'id,date,rating,author,title,text,language\r\nts-1,2026-03-01,5,"Müller, Eva","Super","Schnell\r\nund ""gut"""\r\nts-2,,2,Ben,,Zu spät,de-DE\n';
    expect(parseReviewImport('csv', csv)).toEqual([
      { id: 'ts-1', rating: 5, author: 'Müller, Eva', title: 'Super', text: 'Schnell\r\nund "gut"', language: '', createdAt: new Date('2026-03-01') },
      { id: 'ts-2', rating: 2, author: 'Ben', title: '', text: 'Zu spät', language: 'de-DE', createdAt: null },
    ]);
    expect(parseReviewImport('csv', '\uFEFFID;Rating;Text\nidealo-9;4;"gut; aber teuer"')).toMatchObject([{ id: 'idealo-9', rating: 4, text: 'gut; aber teuer' }]);
  });

  it('reports every bad row by its line and accepts none', () => {
    const csv = 'id,rating,text\nok-1,5,fine\n,4,no id\nx-3,6,too many stars\nx-4,4,"multi\nline"\nx-5,four,words\n';
    expect(errorsOf(() => parseReviewImport('csv', csv))).toEqual({
      code: 'invalid',
      errors: [
        { line: 3, message: 'id is missing' },
        { line: 4, message: 'rating must be a whole number from 1 to 5, not "6"' },
        { line: 7, message: 'rating must be a whole number from 1 to 5, not "four"' },
      ],
    });
    expect(errorsOf(() => parseReviewImport('csv', 'id,text\n1,x'))).toMatchObject({ code: 'invalid', errors: [{ line: 1 }] });
    expect(errorsOf(() => parseReviewImport('csv', 'id,rating\n1,"5'))).toMatchObject({ code: 'invalid', errors: [{ line: 2 }] });
  });

  it('reads JSON lists (or { reviews }) and reports bad items by position', () => {
    expect(parseReviewImport('json', JSON.stringify({ reviews: [{ id: 'a', rating: 3, author: 'Ida', date: '2026-02-02T10:00:00Z' }] }))).toMatchObject([{ id: 'a', rating: 3, author: 'Ida' }]);
    expect(errorsOf(() => parseReviewImport('json', JSON.stringify([{ id: 'a', rating: 3, text: 'x' }, 'nope', { id: 'c', rating: 2, date: 'gestern', text: 'x' }, { id: 'd', rating: 1, text: ['x'] }])))).toMatchObject({
      code: 'invalid',
      errors: [{ line: 2, message: 'not an object' }, { line: 3 }, { line: 4, message: 'text must be text or a number' }],
    });
    expect(errorsOf(() => parseReviewImport('json', '{"reviews": 1'))?.code).toBe('invalid');
  });

  it('refuses a file with too many rows', () => {
    expect(errorsOf(() => parseReviewImport('csv', `id,rating\n${'x,5\n'.repeat(10_001)}`))?.code).toBe('too_large');
    expect(errorsOf(() => parseReviewImport('json', JSON.stringify(Array.from({ length: 10_001 }, (_, i) => ({ id: String(i), rating: 5 })))))?.code).toBe('too_large');
  });

  it('never crashes on arbitrary input', () => {
    fc.assert(
      fc.property(fc.constantFrom<'csv' | 'json'>('csv', 'json'), fc.oneof(fc.string(), fc.stringMatching(/^[id,ratg;"\n\r5x]{0,60}$/), fc.json()), (format, content) => {
        try {
          parseReviewImport(format, content);
        } catch (err) {
          if (!isAppError(err)) throw err;
        }
      }),
    );
  });

  it('reads back any table it is given', () => {
    const cell = fc.string({ maxLength: 8 });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const csv = rows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\n');
        expect(parseCsv(csv).map((r) => r.cells)).toEqual(rows);
      }),
    );
  });
});
