import { z } from 'zod';
import { AppError, isAppError } from '../../domain/errors.js';
import { type HttpAnswer, requestOutbound } from '../../security/outbound-http.js';
import { failureFromNetwork } from '../http-failure.js';
import { jsonOrNull } from '../json.js';
import { graphFailure } from './webhook.js';

/** Where and how a channel reaches the Graph API. */
export interface GraphTarget {
  apiBaseUrl: string;
  apiVersion: string;
  token: string;
  allowPrivateNetworks: boolean;
}

/** The settings every Meta channel shares: the Graph API's address (a fake in tests) and version. */
export const GraphSettings = {
  apiBaseUrl: z.url({ protocol: /^https?$/ }).max(2048).default('https://graph.facebook.com'),
  apiVersion: z.string().regex(/^v\d{1,3}\.\d$/).default('v21.0'),
};

/**
 * POSTs a JSON body to `/{version}/{path}` with the bearer token and answers the parsed JSON.
 * Failures come back classified (`graphFailure`) so the delivery worker retries only what can succeed.
 */
export async function postGraph<T>(target: GraphTarget, path: string, body: unknown, answer: z.ZodType<T>): Promise<T> {
  let res: HttpAnswer;
  try {
    res = await requestOutbound('POST', `${target.apiBaseUrl}/${target.apiVersion}/${path}`, { 'content-type': 'application/json', authorization: `Bearer ${target.token}` }, JSON.stringify(body), { allowPrivateNetworks: target.allowPrivateNetworks });
  } catch (err) {
    throw isAppError(err) ? err : failureFromNetwork(err);
  }
  if (res.status < 200 || res.status >= 300) {
    const retryAfter = res.headers['retry-after'];
    const usage = res.headers['x-business-use-case-usage'];
    throw graphFailure(res.status, typeof retryAfter === 'string' ? retryAfter : null, res.text, typeof usage === 'string' ? usage : null);
  }
  const parsed = answer.safeParse(jsonOrNull(res.text));
  if (!parsed.success) throw new AppError('unavailable', 'The Graph API answered without the id of what it created.');
  return parsed.data;
}
