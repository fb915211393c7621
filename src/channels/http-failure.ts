import { AppError } from '../domain/errors.js';

/** Turns a provider's HTTP answer into the error class retries act on. */
export function failureFromResponse(status: number, retryAfterHeader: string | null, reason: string): AppError {
  if (status === 429) {
    const seconds = Number(retryAfterHeader);
    return new AppError('rate_limited', `Provider rate limit: ${reason}`, Number.isFinite(seconds) && seconds >= 0 ? { retryAfterMs: seconds * 1000 } : {});
  }
  if (status >= 500) return new AppError('unavailable', `Provider error ${status}: ${reason}`);
  if (status === 401 || status === 403) return new AppError('forbidden', `Provider refused the credentials (${status}): ${reason}`);
  return new AppError('invalid', `Provider rejected the message (${status}): ${reason}`);
}

export function failureFromNetwork(err: unknown): AppError {
  return new AppError('unavailable', `Provider unreachable: ${err instanceof Error ? err.message : String(err)}`);
}
