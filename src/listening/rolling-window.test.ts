import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RollingWindow } from './rolling-window.js';

describe('RollingWindow', () => {
  it('has no median before the first value', () => {
    expect(new RollingWindow(10).median(0)).toBeNull();
  });

  it('gives the median of exactly the values inside the time span', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: -20, max: 20 })), { maxLength: 200 }), fc.integer({ min: 1, max: 30 }), (steps, span) => {
        const window = new RollingWindow(span);
        const seen: Array<[number, number]> = [];
        let t = 0;
        for (const [gap, value] of steps) {
          t += gap;
          const inside = seen.filter(([ms]) => ms >= t - span).map(([, v]) => v).sort((a, b) => a - b);
          const n = inside.length;
          const expected = n === 0 ? null : n % 2 ? inside[n >> 1] : ((inside[(n >> 1) - 1] ?? 0) + (inside[n >> 1] ?? 0)) / 2;
          expect(window.median(t)).toBe(expected);
          window.push(t, value);
          seen.push([t, value]);
        }
      }),
    );
  });
});
