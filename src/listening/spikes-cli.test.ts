import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCountsCsv, runSpikes } from './spikes-cli.js';

function csv(values: number[], header = true): string {
  const start = Date.UTC(2015, 2, 2);
  const rows = values.map((v, i) => `${new Date(start + i * 300_000).toISOString().slice(0, 19).replace('T', ' ')},${v}`);
  return (header ? ['timestamp,value', ...rows] : rows).join('\n') + '\n';
}

function failure(text: string) {
  try {
    parseCountsCsv(text);
  } catch (err) {
    return err;
  }
  throw new Error('expected the CSV to be rejected');
}

describe('runSpikes', () => {
  it('returns the timestamps of alerts in the input format, with or without header', () => {
    const values = Array.from({ length: 10 * 288 }, (_, i) => 20 + (i % 7));
    values[8 * 288 + 5] = 700;
    const expected = { detections: ['2015-03-10 00:25:00'] };
    expect(runSpikes(csv(values))).toEqual(expected);
    expect(runSpikes(csv(values, false).replace(/\n/g, '\r\n'))).toEqual(expected);
  });

  it('returns no detections for an empty file', () => {
    expect(runSpikes('timestamp,value\n')).toEqual({ detections: [] });
  });

  it('rejects bad rows with the line number', () => {
    expect(failure('timestamp,value\n2015-03-02 00:00:00,1\n2015-03-02 00:05,2\n')).toMatchObject({
      code: 'invalid',
      details: { line: 3, reason: 'bad_timestamp' },
    });
    expect(failure('2015-03-02 00:00:00,1\n2015-03-02 00:05:00,many\n')).toMatchObject({ details: { line: 2, reason: 'bad_value' } });
    expect(failure('2015-03-02 00:00:00,-4\n')).toMatchObject({ details: { line: 1, reason: 'bad_value' } });
    expect(failure('2015-02-30 00:00:00,1\n')).toMatchObject({ details: { line: 1, reason: 'bad_timestamp' } });
    expect(failure('2015-03-02 00:05:00,1\n\n2015-03-02 00:00:00,1\n')).toMatchObject({
      message: expect.stringContaining('line 3'),
      details: { line: 3, reason: 'out_of_order' },
    });
  });

  const aapl = new URL('../../../shared/data/nab-realtweets/data/Twitter_volume_AAPL.csv', import.meta.url);
  it.skipIf(!existsSync(aapl))('finds the labelled Apple spike of 2015-03-03 in NAB realTweets', () => {
    const text = readFileSync(aapl, 'utf8');
    const { detections } = runSpikes(text);
    expect(detections.some((t) => t >= '2015-03-03 04:37:53' && t <= '2015-03-04 13:37:53')).toBe(true);
  });
});
