import { AppError } from '../domain/errors.js';
import { createSlidingWindow } from '../runtime/sliding-window.js';

/**
 * Counts failed logins per e-mail and per address in a sliding window. Per process: with
 * several API processes an attacker gets at most that many times the budget.
 */
export function createLoginLimiter(options: { max: number; windowMs: number } = { max: 10, windowMs: 15 * 60_000 }) {
  const failures = createSlidingWindow({ windowMs: options.windowMs });
  return {
    check(keys: string[], now = Date.now()): void {
      for (const key of keys) {
        const { count, retryAfterMs } = failures.count(key, now);
        if (count >= options.max) throw new AppError('rate_limited', 'Too many failed logins. Wait a few minutes and try again.', { retryAfterMs });
      }
    },
    fail(keys: string[], now = Date.now()): void {
      for (const key of keys) failures.add(key, now);
    },
    succeed(keys: string[]): void {
      for (const key of keys) failures.forget(key);
    },
  };
}

export type LoginLimiter = ReturnType<typeof createLoginLimiter>;
