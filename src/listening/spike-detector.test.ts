import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSpikeDetector } from './spike-detector.js';
import { seededRandom } from '../runtime/seeded-random.js';

const FIVE_MIN = 5 * 60_000;
const START = Date.UTC(2015, 2, 2);

/** Five-minute counts with a daily rhythm: busy afternoons, quiet nights. */
function dailySeries(days: number, seed = 1): number[] {
  const rnd = seededRandom(seed);
  return Array.from({ length: days * 288 }, (_, i) => {
    const hour = (i % 288) / 12;
    const mean = 20 + 60 * Math.max(0, Math.sin(((hour - 6) / 24) * 2 * Math.PI));
    return Math.max(0, Math.round(mean + (rnd() - 0.5) * 2 * Math.sqrt(mean) * 1.5));
  });
}

function alertsOf(values: number[]) {
  const detector = createSpikeDetector();
  return values.flatMap((v, i) => detector.push(new Date(START + i * FIVE_MIN), v) ?? []);
}

describe('spike detector', () => {
  it('stays quiet on ordinary daily ups and downs', () => {
    expect(alertsOf(dailySeries(21))).toEqual([]);
  });

  it('alerts at the bucket where a wave starts, with the expected level and a severity', () => {
    const values = dailySeries(21);
    const at = 15 * 288 + 40;
    for (let k = 0; k < 6; k++) values[at + k] = 900 - k * 100;
    const alerts = alertsOf(values);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.ts.getTime()).toBe(START + at * FIVE_MIN);
    expect(alerts[0]?.expected).toBeLessThan(60);
    expect(alerts[0]?.severity).toBe('high');
  });

  it('judges volume against the time of day: a normal afternoon level is a spike at night', () => {
    const values = dailySeries(21);
    const night = 15 * 288 + 3 * 12;
    values[night] = 90;
    const alerts = alertsOf(values);
    expect(alerts.map((a) => a.ts.getTime())).toEqual([START + night * FIVE_MIN]);
  });

  it('ignores jumps below the minimum volume', () => {
    const values = new Array<number>(10 * 288).fill(0);
    values[8 * 288] = 8;
    expect(alertsOf(values)).toEqual([]);
    values[8 * 288] = 40;
    expect(alertsOf(values)).toHaveLength(1);
  });

  it('raises one alert per wave during the cooldown, and again for a later wave', () => {
    const values = dailySeries(21);
    const first = 14 * 288;
    values[first] = 1000;
    values[first + 24] = 1000;
    values[first + 3 * 288] = 1000;
    expect(alertsOf(values).map((a) => (a.ts.getTime() - START) / FIVE_MIN)).toEqual([first, first + 3 * 288]);
  });

  it('does not alert during the first day, before it knows what is normal', () => {
    const values = dailySeries(3);
    values[100] = 1000;
    expect(alertsOf(values)).toEqual([]);
  });

  it('decides each bucket from the past only: a prefix of the series gets the same alerts', () => {
    const values = dailySeries(12, 7);
    fc.assert(
      fc.property(fc.integer({ min: 2 * 288, max: values.length - 1 }), fc.integer({ min: 100, max: 2000 }), (cut, spike) => {
        const withSpike = values.slice();
        withSpike[cut - 50] = spike;
        const full = alertsOf(withSpike).map((a) => a.ts.getTime());
        const prefix = alertsOf(withSpike.slice(0, cut)).map((a) => a.ts.getTime());
        expect(prefix).toEqual(full.filter((t) => t < START + cut * FIVE_MIN));
      }),
      { numRuns: 8 },
    );
  });
});
