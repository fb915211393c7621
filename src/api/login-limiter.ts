import { AppError } from '../domain/errors.js';

/**
 * Counts failed logins per e-mail and per address in a sliding window. Per process: with
 * several API processes an attacker gets at most that many times the budget.
 */
export function createLoginLimiter(options: { max: number; windowMs: number } = { max: 10, windowMs: 15 * 60_000 }) {
  const failures = new Map<string, number[]>();

  function recent(key: string, now: number): number[] {
    const kept = (failures.get(key) ?? []).filter((t) => now - t < options.windowMs);
    if (kept.length > 0) failures.set(key, kept);
    else failures.delete(key);
    return kept;
  }

  return {
    check(keys: string[], now = Date.now()): void {
      for (const key of keys) {
        const hits = recent(key, now);
        if (hits.length >= options.max) {
          const retryAfterMs = options.windowMs - (now - (hits[0] ?? now));
          throw new AppError('rate_limited', 'Too many failed logins. Wait a few minutes and try again.', { retryAfterMs });
        }
      }
    },
    fail(keys: string[], now = Date.now()): void {
      for (const key of keys) failures.set(key, [...recent(key, now), now]);
      if (failures.size > 100_000) failures.clear();
    },
    succeed(keys: string[]): void {
      for (const key of keys) failures.delete(key);
    },
  };
}

export type LoginLimiter = ReturnType<typeof createLoginLimiter>;
