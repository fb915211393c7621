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

/** The most a file from a provider may weigh; the attachment store's own limit. */
const MAX_MEDIA_BYTES = 25 * 1024 * 1024;

async function getWithToken(url: string, token: string, allowPrivateNetworks: boolean, maxBytes: number): Promise<HttpAnswer> {
  try {
    return await requestOutbound('GET', url, { authorization: `Bearer ${token}` }, null, { allowPrivateNetworks, maxBytes, timeoutMs: 30_000 });
  } catch (err) {
    throw isAppError(err) ? err : failureFromNetwork(err);
  }
}

const MediaInfo = z.object({ url: z.url(), mime_type: z.string().optional(), file_size: z.number().optional() });

/**
 * Fetches a media file Meta announced by id: its short-lived address first, then the bytes, both
 * with the token. Answers null when Meta says the file is gone (it keeps media for a limited time).
 */
export async function fetchGraphMedia(target: GraphTarget, mediaId: string): Promise<{ content: Uint8Array; contentType: string | null } | null> {
  const info = await getWithToken(`${target.apiBaseUrl}/${target.apiVersion}/${encodeURIComponent(mediaId)}`, target.token, target.allowPrivateNetworks, 64 * 1024);
  if (info.status === 404 || info.status === 410) return null;
  if (info.status < 200 || info.status >= 300) throw graphFailure(info.status, null, info.text);
  const parsed = MediaInfo.safeParse(jsonOrNull(info.text));
  if (!parsed.success) throw new AppError('unavailable', 'The Graph API answered without the media address.');
  if ((parsed.data.file_size ?? 0) > MAX_MEDIA_BYTES) return null;
  const file = await getWithToken(parsed.data.url, target.token, target.allowPrivateNetworks, MAX_MEDIA_BYTES + 1);
  if (file.status === 404 || file.status === 410) return null;
  if (file.status < 200 || file.status >= 300) throw graphFailure(file.status, null, file.text);
  if (file.bytes.length > MAX_MEDIA_BYTES) return null;
  return { content: file.bytes, contentType: parsed.data.mime_type ?? (typeof file.headers['content-type'] === 'string' ? file.headers['content-type'] : null) };
}
