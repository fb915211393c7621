import { z } from 'zod';
import { AppError, isAppError } from '../../domain/errors.js';
import { type HttpAnswer, requestOutbound } from '../../security/outbound-http.js';
import { failureFromNetwork } from '../http-failure.js';
import { jsonOrNull } from '../json.js';

// Calls to the X API v2 and the classification of its failures.

export interface XTarget {
  apiBaseUrl: string;
  token: string;
  allowPrivateNetworks: boolean;
}

const XErrorBody = z.object({
  title: z.string().optional(),
  detail: z.string().optional(),
  errors: z.array(z.object({ message: z.string().optional(), detail: z.string().optional() })).optional(),
});

/** How long until X lifts a rate limit: `x-rate-limit-reset` is the epoch second the window resets. */
export function resetWaitMs(reset: string | undefined, now: number): number {
  const seconds = Number(reset);
  return Number.isFinite(seconds) && seconds > 0 ? Math.max(0, seconds * 1000 - now) : 60_000;
}

export function xFailure(res: HttpAnswer, now = Date.now()): AppError {
  const body = XErrorBody.safeParse(jsonOrNull(res.text));
  const first = body.success ? body.data.errors?.[0] : undefined;
  const reason = (body.success ? (body.data.detail ?? body.data.title ?? first?.detail ?? first?.message) : undefined) ?? (res.text.slice(0, 200) || `HTTP ${res.status}`);
  if (res.status === 429) {
    const reset = res.headers['x-rate-limit-reset'];
    return new AppError('rate_limited', `X rate limit: ${reason}`, { status: 429, retryAfterMs: resetWaitMs(typeof reset === 'string' ? reset : undefined, now) });
  }
  const details = { status: res.status };
  if (res.status >= 500) return new AppError('unavailable', `X error ${res.status}: ${reason}`, details);
  if (res.status === 401) return new AppError('unauthorized', `X refused the access token: ${reason}`, details);
  if (res.status === 403) return new AppError('forbidden', `X refused: ${reason}`, details);
  return new AppError('invalid', `X rejected the request (${res.status}): ${reason}`, details);
}

/** Calls `path` with the bearer token and a JSON body; answers the parsed JSON or throws the classified failure. */
export async function callX<T>(target: XTarget, method: 'GET' | 'POST', path: string, body: unknown, answer: z.ZodType<T>): Promise<T> {
  let res: HttpAnswer;
  const headers: Record<string, string> = { authorization: `Bearer ${target.token}`, ...(body !== null && { 'content-type': 'application/json' }) };
  try {
    res = await requestOutbound(method, `${target.apiBaseUrl}${path}`, headers, body === null ? null : JSON.stringify(body), { allowPrivateNetworks: target.allowPrivateNetworks });
  } catch (err) {
    throw isAppError(err) ? err : failureFromNetwork(err);
  }
  if (res.status < 200 || res.status >= 300) throw xFailure(res);
  const parsed = answer.safeParse(jsonOrNull(res.text));
  if (!parsed.success) throw new AppError('unavailable', `X answered ${path} in an unexpected shape.`);
  return parsed.data;
}
