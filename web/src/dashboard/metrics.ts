import type { ConversationDto, ConversationStatus } from '../api/types.js';

const HOUR = 3_600_000;

export interface VolumeSeries {
  /** Bucket starts in seconds (uPlot's x unit). */
  hours: number[];
  byChannel: Record<string, number[]>;
}

/** New inbound conversations per hour and channel type, over the span the sample covers (at most `maxHours`). */
export function volumeByChannel(sample: readonly ConversationDto[], now: number, maxHours = 72): VolumeSeries {
  const oldest = sample.reduce((min, c) => Math.min(min, Date.parse(c.createdAt)), now);
  const end = Math.ceil(now / HOUR) * HOUR;
  const span = Math.max(1, Math.min(maxHours, Math.ceil((end - oldest) / HOUR)));
  const start = end - span * HOUR;
  const hours = Array.from({ length: span }, (_, i) => (start + i * HOUR) / 1000);
  const byChannel: Record<string, number[]> = {};
  for (const c of sample) {
    const at = Date.parse(c.createdAt);
    if (at < start || at >= end) continue;
    const series = (byChannel[c.channelType] ??= new Array<number>(span).fill(0));
    const i = Math.floor((at - start) / HOUR);
    series[i] = (series[i] ?? 0) + 1;
  }
  return { hours, byChannel };
}

export const ACTIVE: ConversationStatus[] = ['open', 'pending', 'snoozed'];

export function countBy<K extends string | number>(items: readonly ConversationDto[], key: (c: ConversationDto) => K): Map<K, number> {
  const out = new Map<K, number>();
  for (const c of items) out.set(key(c), (out.get(key(c)) ?? 0) + 1);
  return out;
}

export function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] ?? 0;
  const b = sorted[hi] ?? a;
  return a + (b - a) * (pos - lo);
}

export const FRT_BUCKETS_MIN = [15, 60, 240, 1440] as const;

export interface FirstResponse {
  median: number | null;
  p90: number | null;
  /** Counts for <15 min, <1 h, <4 h, <24 h, ≥24 h. */
  buckets: number[];
}

/** First-response times (ms) of the conversations in the sample that have one. */
export function firstResponse(sample: readonly ConversationDto[]): FirstResponse {
  const times = sample
    .filter((c) => c.firstResponseAt)
    .map((c) => Date.parse(c.firstResponseAt ?? '') - Date.parse(c.createdAt))
    .filter((ms) => ms >= 0)
    .sort((a, b) => a - b);
  const buckets = new Array<number>(FRT_BUCKETS_MIN.length + 1).fill(0);
  for (const ms of times) {
    const i = FRT_BUCKETS_MIN.findIndex((limit) => ms < limit * 60_000);
    const at = i < 0 ? FRT_BUCKETS_MIN.length : i;
    buckets[at] = (buckets[at] ?? 0) + 1;
  }
  return { median: quantile(times, 0.5), p90: quantile(times, 0.9), buckets };
}
