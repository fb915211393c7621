export interface NegativeShiftConfig {
  /** Memory of the normal negative share, in buckets. */
  halfLifeBuckets: number;
  /** Buckets seen before the baseline is trusted. */
  warmupBuckets: number;
  /** Binomial z-score of the bucket's negative count against the normal share. */
  threshold: number;
  /** The share must also rise by this much (0.15 = 15 percentage points): a tiny rise on huge volume is no news. */
  minShareRise: number;
  /** Buckets with fewer posts in total never alert. */
  minTotal: number;
  /** After an alert, stay quiet for this many buckets. */
  cooldownBuckets: number;
}

export const DEFAULT_NEGATIVE_SHIFT_CONFIG: NegativeShiftConfig = {
  halfLifeBuckets: 288 * 3,
  warmupBuckets: 48,
  threshold: 4,
  minShareRise: 0.15,
  minTotal: 20,
  cooldownBuckets: 72,
};

export interface NegativeShiftAlert {
  ts: Date;
  share: number;
  normalShare: number;
  score: number;
  severity: 'low' | 'medium' | 'high';
}

export interface NegativeShiftDetector {
  /** Feed buckets in time order: negative posts and all posts of the bucket. */
  push(ts: Date, negative: number, total: number): NegativeShiftAlert | null;
}

/**
 * Warns when the share of negative posts jumps above its normal level, the usual first
 * sign of a shitstorm even before volume explodes. Normal is an exponentially weighted
 * share over past buckets, so the decision at t uses data up to t only.
 */
export function createNegativeShiftDetector(config: Partial<NegativeShiftConfig> = {}): NegativeShiftDetector {
  const c: NegativeShiftConfig = { ...DEFAULT_NEGATIVE_SHIFT_CONFIG, ...config };
  const decay = Math.pow(0.5, 1 / c.halfLifeBuckets);
  let negSum = 0;
  let totalSum = 0;
  let seen = 0;
  let sinceAlert = Infinity;

  return {
    push(ts, negative, total) {
      if (!(total > 0) || !(negative >= 0) || negative > total) return null;
      sinceAlert++;
      let alert: NegativeShiftAlert | null = null;
      if (seen >= c.warmupBuckets && totalSum > 0) {
        // Pseudo-counts keep a spotless history (share 0) from making any complaint an alarm.
        const normal = (negSum + 1) / (totalSum + 2);
        const share = negative / total;
        const score = (negative - total * normal) / Math.sqrt(total * normal * (1 - normal));
        if (total >= c.minTotal && score >= c.threshold && share - normal >= c.minShareRise && sinceAlert > c.cooldownBuckets) {
          sinceAlert = 0;
          const severity = score >= 3 * c.threshold ? 'high' : score >= 1.75 * c.threshold ? 'medium' : 'low';
          alert = { ts, share, normalShare: normal, score, severity };
        }
      }
      negSum = decay * negSum + negative;
      totalSum = decay * totalSum + total;
      seen++;
      return alert;
    },
  };
}
