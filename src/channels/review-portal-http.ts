import { isAppError } from '../domain/errors.js';
import { type HttpAnswer, requestOutbound } from '../security/outbound-http.js';
import { failureFromNetwork, failureFromResponse } from './http-failure.js';
import { jsonOrNull } from './json.js';

/** One JSON call to a review portal's API; a non-2xx answer becomes the error class retries act on. */
export async function callPortal(method: 'GET' | 'POST' | 'PUT', url: string, headers: Record<string, string>, body: unknown, allowPrivateNetworks: boolean): Promise<unknown> {
  let res: HttpAnswer;
  try {
    res = await requestOutbound(method, url, { accept: 'application/json', ...(body !== null && { 'content-type': 'application/json' }), ...headers }, body === null ? null : JSON.stringify(body), { allowPrivateNetworks, timeoutMs: 30_000, maxBytes: 8 * 1024 * 1024 });
  } catch (err) {
    if (isAppError(err)) throw err;
    throw failureFromNetwork(err);
  }
  if (res.status < 200 || res.status >= 300) {
    const answer = jsonOrNull(res.text);
    const reason = typeof answer === 'object' && answer !== null ? JSON.stringify(answer).slice(0, 300) : `HTTP ${res.status}`;
    const retryAfter = res.headers['retry-after'];
    throw failureFromResponse(res.status, typeof retryAfter === 'string' ? retryAfter : null, reason);
  }
  return jsonOrNull(res.text);
}
