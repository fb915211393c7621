import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { classifyStream } from './index.js';

async function run(input: string, json = true): Promise<{ count: number; lines: string[] }> {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (c: Buffer) => chunks.push(c));
  const count = await classifyStream(Readable.from([input]), output, { json });
  output.end();
  return { count, lines: Buffer.concat(chunks).toString('utf8').split('\n').filter(Boolean) };
}

describe('classifyStream', () => {
  it('writes one JSON result per JSON line, keeping the id', async () => {
    const { count, lines } = await run('{"id":"a1","text":"Mein Paket ist nicht angekommen"}\n{"id":7,"text":"Thanks, great service!"}\n');
    expect(count).toBe(2);
    const [first, second] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(first).toMatchObject({ id: 'a1', language: 'de', category: 'delivery' });
    expect(second).toMatchObject({ id: 7, language: 'en', sentiment: 'positive' });
  });

  it('classifies plain text lines, numbering them', async () => {
    const { lines } = await run('Ich will kündigen\n\nWo ist meine Rechnung?\n');
    expect(lines.map((l) => (JSON.parse(l) as { id: number }).id)).toEqual([1, 3]);
  });

  it('turns broken JSON lines into error lines and carries on', async () => {
    const { count, lines } = await run('{"id":1,"text":"ok"\n{"id":2}\n["x"]\n{"id":3,"text":"Hallo, wo ist mein Paket?"}\n');
    expect(count).toBe(1);
    expect(lines.map((l) => JSON.parse(l) as Record<string, unknown>)).toEqual([
      { line: 1, error: 'invalid JSON' },
      { line: 2, error: 'missing string field "text"' },
      { line: 3, error: 'expected an object with "text"' },
      expect.objectContaining({ id: 3, language: 'de' }),
    ]);
  });

  it('writes tab-separated lines for people when json is off', async () => {
    const { lines } = await run('{"id":"x","text":"Ich gehe zum Anwalt!"}\n', false);
    expect(lines[0]?.split('\t').slice(0, 2)).toEqual(['x', 'de']);
    expect(lines[0]).toContain('urgent(legal)');
  });
});
