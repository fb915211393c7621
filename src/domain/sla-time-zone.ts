import { AppError } from './errors.js';

// Converts between instants and wall-clock time in one IANA zone with Intl alone, so Parley
// needs no time-zone database package. "Local ms" means the wall-clock reading encoded as if it were UTC.
export interface ZoneClock {
  readonly timeZone: string;
  offsetAt(utcMs: number): number;
  localMs(utcMs: number): number;
  toInstant(localMs: number): number;
}

const DAY_MS = 86_400_000;

export function zoneClock(timeZone: string): ZoneClock {
  const format = zoneFormat(timeZone);

  const offsetAt = (utcMs: number): number => {
    const whole = Math.floor(utcMs / 1000) * 1000;
    const f: Record<string, number> = {};
    for (const part of format.formatToParts(whole)) {
      if (part.type !== 'literal') f[part.type] = Number(part.value);
    }
    const local = Date.UTC(f.year ?? 1970, (f.month ?? 1) - 1, f.day ?? 1, f.hour ?? 0, f.minute ?? 0, f.second ?? 0);
    return local - whole;
  };

  // Ambiguous wall times (clocks turned back) resolve to the earlier instant; wall times that do not
  // exist (clocks turned forward) resolve to the transition itself, which keeps the mapping monotonic:
  // a slot starting at 02:30 on a spring-forward night opens when the clock jumps to 03:00.
  const toInstant = (localMs: number): number => {
    const before = offsetAt(localMs - DAY_MS);
    const after = offsetAt(localMs + DAY_MS);
    if (before === after) return localMs - before;
    const early = localMs - before;
    const late = localMs - after;
    const earlyValid = offsetAt(early) === before;
    const lateValid = offsetAt(late) === after;
    if (earlyValid && lateValid) return Math.min(early, late);
    if (earlyValid) return early;
    if (lateValid) return late;
    return transitionBetween(offsetAt, Math.min(early, late), Math.max(early, late), before);
  };

  return { timeZone, offsetAt, localMs: (utcMs) => utcMs + offsetAt(utcMs), toInstant };
}

function transitionBetween(offsetAt: (utcMs: number) => number, fromMs: number, toMs: number, offsetBefore: number): number {
  let lo = Math.floor(fromMs / 1000);
  let hi = Math.ceil(toMs / 1000);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(mid * 1000) === offsetBefore) lo = mid;
    else hi = mid;
  }
  return hi * 1000;
}

function zoneFormat(timeZone: string): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    throw new AppError('invalid', `unknown time zone "${timeZone}"`, { timeZone });
  }
}
