import { RollingWindow } from './rolling-window.js';

export interface SpikeDetectorConfig {
  /** Width of a time-of-day slot of the seasonal profile. */
  slotMinutes: number;
  /** How many past days of the same slot make up "normal for this time of day". */
  profileDays: number;
  /** Added before taking logs: tames the noise of near-empty buckets. */
  countOffset: number;
  /** No alerts until this much history has been seen. */
  warmupMinutes: number;
  /** Robust z-score on the log scale above which a bucket is a spike. */
  threshold: number;
  /** Buckets with fewer items never alert: three mentions are not a shitstorm. */
  minVolume: number;
  /** After an alert, stay quiet this long: one wave, one alert. */
  cooldownMinutes: number;
  /** Lower bound of the spread on the log scale, so a flat series cannot alert on noise. */
  minSpread: number;
  /** Memory of the spread estimate, in buckets. */
  spreadHalfLife: number;
}

export const DEFAULT_SPIKE_CONFIG: SpikeDetectorConfig = {
  slotMinutes: 120,
  profileDays: 14,
  countOffset: 3,
  warmupMinutes: 24 * 60,
  threshold: 4.5,
  minVolume: 10,
  cooldownMinutes: 24 * 60,
  minSpread: 0.3,
  spreadHalfLife: 2016,
};

export type SpikeSeverity = 'low' | 'medium' | 'high';

export interface SpikeAlert {
  ts: Date;
  value: number;
  /** What the detector considered normal for this bucket. */
  expected: number;
  /** How far above normal, in robust standard deviations on the log scale. */
  score: number;
  severity: SpikeSeverity;
}

export interface SpikeDetector {
  /** Feed buckets in time order; returns an alert when this bucket is a spike. */
  push(ts: Date, value: number): SpikeAlert | null;
}

const MINUTE = 60_000;
const DAY_MINUTES = 24 * 60;

/**
 * Streaming spike detector for bucketed counts. Normal is the median, on the log scale,
 * of the same time-of-day slot over the last `profileDays` days. A bucket alerts when it
 * exceeds normal by `threshold` spreads, has `minVolume` items and no alert was raised
 * within the cooldown. Only past buckets are used; nothing is tuned per series.
 */
export function createSpikeDetector(config: Partial<SpikeDetectorConfig> = {}): SpikeDetector {
  const c: SpikeDetectorConfig = { ...DEFAULT_SPIKE_CONFIG, ...config };
  const slots = new Map<number, RollingWindow>();
  const decay = Math.pow(0.5, 1 / c.spreadHalfLife);
  let spread = c.minSpread;
  let firstMs: number | null = null;
  let lastAlertMs = -Infinity;

  return {
    push(ts, value) {
      const ms = ts.getTime();
      if (!Number.isFinite(ms) || !Number.isFinite(value) || value < 0) return null;
      firstMs ??= ms;
      const x = Math.log(value + c.countOffset);
      const slotKey = Math.floor(((ms / MINUTE) % DAY_MINUTES) / c.slotMinutes);
      let slot = slots.get(slotKey);
      if (!slot) slots.set(slotKey, (slot = new RollingWindow(c.profileDays * DAY_MINUTES * MINUTE)));

      const normal = slot.median(ms);
      let alert: SpikeAlert | null = null;
      if (normal !== null) {
        const residual = x - normal;
        const score = residual / Math.max(spread, c.minSpread);
        const warm = ms - firstMs >= c.warmupMinutes * MINUTE;
        const cooled = ms - lastAlertMs >= c.cooldownMinutes * MINUTE;
        if (warm && cooled && score >= c.threshold && value >= c.minVolume) {
          lastAlertMs = ms;
          alert = { ts, value, expected: Math.exp(normal) - c.countOffset, score, severity: severityOf(score, c.threshold) };
        }
        // Clipping keeps one huge spike from blinding the detector to the next one.
        const clipped = Math.min(Math.abs(residual), 3 * Math.max(spread, c.minSpread));
        spread = decay * spread + (1 - decay) * clipped * 1.25;
      }
      slot.push(ms, x);
      return alert;
    },
  };
}

function severityOf(score: number, threshold: number): SpikeSeverity {
  if (score >= 2 * threshold) return 'high';
  if (score >= 1.4 * threshold) return 'medium';
  return 'low';
}
