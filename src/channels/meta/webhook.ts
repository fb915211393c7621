import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import { safeEqual } from '../../security/tokens.js';
import type { WebhookOutcome, WebhookRequest } from '../adapter.js';

// The webhook family Meta uses for WhatsApp, Messenger and Instagram: a GET handshake when the
// URL is registered, then POSTs signed with the app secret.

/** `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body, keyed with the app secret>`. */
export function metaSignature(appSecret: string, rawBody: Buffer | string): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}

export function assertMetaSignature(req: WebhookRequest, appSecret: string | undefined): void {
  const given = req.headers['x-hub-signature-256'] ?? '';
  if (!appSecret || given.length === 0 || !safeEqual(given.toLowerCase(), metaSignature(appSecret, req.rawBody))) {
    throw new AppError('unauthorized', 'The X-Hub-Signature-256 header does not match the body signed with this channel\'s app secret.');
  }
}

/** Answers the registration handshake: echo `hub.challenge` when `hub.verify_token` is ours. */
export function metaVerification(req: WebhookRequest, verifyToken: string | undefined): WebhookOutcome {
  const token = req.query['hub.verify_token'] ?? '';
  if (req.query['hub.mode'] !== 'subscribe' || !verifyToken || token.length === 0 || !safeEqual(token, verifyToken)) {
    throw new AppError('forbidden', 'hub.mode must be "subscribe" and hub.verify_token must match the channel\'s verify token.');
  }
  const challenge = req.query['hub.challenge'] ?? '';
  if (!/^[\w.-]{1,256}$/.test(challenge)) throw new AppError('invalid', 'hub.challenge is missing or malformed.');
  return { kind: 'answer', status: 200, contentType: 'text/plain; charset=utf-8', body: challenge };
}

/** Meta's Graph API error body: `{ error: { message, type, code, error_subcode, error_data } }`. */
export interface GraphError {
  message: string;
  code: number;
  subcode: number | null;
  details: string | null;
}

const GraphErrorBody = z.object({
  error: z.object({
    message: z.string().catch('unknown error'),
    code: z.number().catch(0),
    error_subcode: z.number().optional().catch(undefined),
    error_data: z.object({ details: z.string().optional() }).optional().catch(undefined),
  }),
});

export function readGraphError(text: string): GraphError | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = GraphErrorBody.safeParse(json);
  if (!parsed.success) return null;
  const { message, code, error_subcode, error_data } = parsed.data.error;
  return { message, code, subcode: error_subcode ?? null, details: error_data?.details ?? null };
}

// Rate limits are retried after the wait each limit implies: throughput is per second, the pair
// limit allows one message to a customer every 6 s, app, account and business-use-case limits
// (Pages 80001, Instagram 80002, Messenger 80006) reset within the hour.
// Expired or wrong tokens (190, 102) need an admin, permissions (10, 200–299) too; the rest is
// the message's own fault.
const RATE_LIMIT_WAIT_MS = new Map([[130429, 1_000], [131056, 6_000], [4, 60_000], [17, 60_000], [32, 60_000], [613, 60_000], [80001, 60_000], [80002, 60_000], [80006, 60_000]]);

const UsageHeader = z.record(z.string(), z.array(z.object({ estimated_time_to_regain_access: z.number().nonnegative().optional() }).loose()));

/**
 * Meta's own estimate of when a business-use-case limit lifts, in ms: the largest
 * `estimated_time_to_regain_access` (minutes) of the `X-Business-Use-Case-Usage` header.
 */
export function usageWaitMs(header: string | null): number | null {
  if (!header) return null;
  let json: unknown;
  try {
    json = JSON.parse(header);
  } catch {
    return null;
  }
  const parsed = UsageHeader.safeParse(json);
  if (!parsed.success) return null;
  const minutes = Object.values(parsed.data).flat().map((u) => u.estimated_time_to_regain_access).filter((m) => m !== undefined);
  return minutes.length > 0 ? Math.max(...minutes) * 60_000 : null;
}

export function graphFailure(status: number, retryAfter: string | null, text: string, usageHeader: string | null = null): AppError {
  const error = readGraphError(text);
  const reason = error ? `${error.message}${error.details ? ` (${error.details})` : ''} [${error.code}]` : text.slice(0, 200) || `HTTP ${status}`;
  const limitWait = error ? RATE_LIMIT_WAIT_MS.get(error.code) : undefined;
  if (limitWait !== undefined || status === 429) {
    const seconds = Number(retryAfter);
    const estimated = usageWaitMs(usageHeader);
    return new AppError('rate_limited', `Provider rate limit: ${reason}`, { retryAfterMs: Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : (estimated ?? limitWait ?? 60_000) });
  }
  if (status >= 500 || error?.code === 1 || error?.code === 2 || error?.code === 131000) return new AppError('unavailable', `Provider error ${status}: ${reason}`);
  if (error?.code === 190 || error?.code === 102 || status === 401) return new AppError('unauthorized', `Provider refused the access token: ${reason}`);
  if ((error && (error.code === 10 || (error.code >= 200 && error.code < 300))) || status === 403) return new AppError('forbidden', `Provider denied permission: ${reason}`);
  return new AppError('invalid', `Provider rejected the message: ${reason}`);
}
