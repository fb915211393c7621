import type { Kysely } from 'kysely';
import { addHit, countHits, forgetHits } from '../db/rate-limits.js';
import type { Database } from '../db/schema.js';
import { AppError } from '../domain/errors.js';

export interface RateLimit {
  max: number;
  windowMs: number;
  /** What the person is told when the limit is reached. */
  message: string;
}

/**
 * Counts attempts per key (an address, an e-mail) in PostgreSQL, so every API process of an
 * installation shares one budget: more processes do not give an attacker more guesses.
 */
export function createRateLimiter(db: Kysely<Database>, limit: RateLimit) {
  // Fifteen counters per window: the window slides in steps of a fifteenth of its length.
  const bucketMs = Math.max(1000, Math.ceil(limit.windowMs / 15));
  const check = async (keys: string[], now: number) => {
    for (const hit of await countHits(db, keys, limit.windowMs, now)) {
      if (hit.count >= limit.max) throw new AppError('rate_limited', limit.message, { retryAfterMs: hit.retryAfterMs });
    }
  };
  return {
    check(keys: string[], now = Date.now()): Promise<void> {
      return check(keys, now);
    },
    hit(keys: string[], now = Date.now()): Promise<void> {
      return addHit(db, keys, now, bucketMs);
    },
    /** Counts an attempt that is allowed only within the budget: refused ones do not count. */
    async take(keys: string[], now = Date.now()): Promise<void> {
      await check(keys, now);
      await addHit(db, keys, now, bucketMs);
    },
    forget(keys: string[]): Promise<void> {
      return forgetHits(db, keys);
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;

export const LOGIN_LIMIT: RateLimit = { max: 10, windowMs: 15 * 60_000, message: 'Too many failed logins. Wait a few minutes and try again.' };

const RESET_MESSAGE = 'Too many password-reset requests. Wait a while and try again.';

/** Reset mails per e-mail address: enough for a typo and a retry, too few to flood an inbox. */
export const RESET_BY_EMAIL_LIMIT: RateLimit = { max: 5, windowMs: 60 * 60_000, message: RESET_MESSAGE };

/** Per sending address: an office behind one IP may forget several passwords, a script may not probe hundreds. */
export const RESET_BY_ADDRESS_LIMIT: RateLimit = { max: 20, windowMs: 60 * 60_000, message: RESET_MESSAGE };

export function createRateLimits(db: Kysely<Database>) {
  return {
    login: createRateLimiter(db, LOGIN_LIMIT),
    resetByEmail: createRateLimiter(db, RESET_BY_EMAIL_LIMIT),
    resetByAddress: createRateLimiter(db, RESET_BY_ADDRESS_LIMIT),
  };
}
