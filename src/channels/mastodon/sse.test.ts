import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../domain/errors.js';
import { createSseParser, type SseEvent } from './sse.js';

function parseAll(chunks: string[], max?: number): SseEvent[] {
  const events: SseEvent[] = [];
  const parser = createSseParser((e) => events.push(e), max);
  for (const c of chunks) parser.push(c);
  return events;
}

describe('server-sent events', () => {
  it('reads events, multi-line data, ids and skips heartbeats', () => {
    const events = parseAll([':)\n', 'event: update\ndata: {"a":\ndata: 1}\nid: 7\n\n', ':thump\n', 'data: plain\n\n']);
    expect(events).toEqual([
      { event: 'update', data: '{"a":\n1}', id: '7' },
      { event: 'message', data: 'plain', id: '7' },
    ]);
  });

  it('gives the same events however the stream is cut and whichever line ends it uses', () => {
    const lines = ['event: notification', 'data: {"x":"ä"}', '', 'event: update', 'data:no-space', '', 'data: last', ''];
    fc.assert(
      fc.property(fc.constantFrom('\n', '\r\n', '\r'), fc.array(fc.nat(), { maxLength: 10 }), (eol, cuts) => {
        const text = lines.join(eol) + eol;
        const points = [...new Set(cuts.map((c) => c % text.length))].sort((a, b) => a - b);
        const chunks = [0, ...points].map((p, i, all) => text.slice(p, all[i + 1] ?? text.length)).filter((c) => c !== '');
        expect(parseAll(chunks)).toEqual([
          { event: 'notification', data: '{"x":"ä"}', id: null },
          { event: 'update', data: 'no-space', id: null },
          { event: 'message', data: 'last', id: null },
        ]);
      }),
    );
  });

  it('refuses an event beyond the limit instead of growing without bound', () => {
    expect(() => parseAll([`data: ${'x'.repeat(2_000)}\n`], 1_000)).toThrow(/larger than 1000/);
    expect(() => parseAll(['data: x'.padEnd(2_000, 'y')], 1_000)).toThrow(/longer than 1000/);
    expect(() => parseAll(Array.from({ length: 50 }, () => 'data: 0123456789012345678901234567890123456789\n'), 1_000)).toThrow(/larger/);
  });

  it('never crashes on arbitrary input', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 50 })), (chunks) => {
        try {
          parseAll(chunks, 200);
        } catch (err) {
          if (!isAppError(err)) throw err;
        }
      }),
    );
  });
});
