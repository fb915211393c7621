import { describe, expect, it } from 'vitest';
import { createNegativeShiftDetector } from './negative-shift-detector.js';

const HOUR = 3_600_000;

function run(buckets: Array<[negative: number, total: number]>) {
  const detector = createNegativeShiftDetector();
  return buckets.flatMap(([neg, total], i) => {
    const alert = detector.push(new Date(i * HOUR), neg, total);
    return alert ? [{ i, ...alert }] : [];
  });
}

const calm = (n: number): Array<[number, number]> => Array.from({ length: n }, (_, i) => [8 + (i % 5), 100]);

describe('negative share shift detector', () => {
  it('stays quiet while the share of negative posts is steady', () => {
    expect(run(calm(500))).toEqual([]);
  });

  it('alerts when the negative share jumps, once per wave', () => {
    const buckets = [...calm(200), [55, 100], [60, 100], [70, 110], ...calm(50)] as Array<[number, number]>;
    const alerts = run(buckets);
    expect(alerts.map((a) => a.i)).toEqual([200]);
    expect(alerts[0]?.share).toBeCloseTo(0.55);
    expect(alerts[0]?.normalShare).toBeLessThan(0.12);
  });

  it('ignores a high share on a handful of posts and a tiny rise on huge volume', () => {
    expect(run([...calm(200), [5, 6]])).toEqual([]);
    expect(run([...calm(200), [1300, 10000]])).toEqual([]);
  });

  it('skips impossible buckets instead of learning from them', () => {
    expect(run([...calm(200), [5, 0], [10, 5], [-1, 10], ...calm(10)])).toEqual([]);
  });
});
