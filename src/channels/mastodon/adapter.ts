import { z } from 'zod';
import { AppError, isAppError } from '../../domain/errors.js';
import { type HttpAnswer, requestOutbound } from '../../security/outbound-http.js';
import type { ChannelAdapter } from '../adapter.js';
import { failureFromNetwork, failureFromResponse } from '../http-failure.js';
import { jsonOrNull } from '../json.js';

export const Settings = z
  .object({
    instanceUrl: z.url({ protocol: /^https?$/ }).max(2048),
    /** Where the instance's streaming server answers, when it is not the instance address itself. */
    streamingUrl: z.url({ protocol: /^https?$/ }).max(2048).optional(),
    hashtags: z
      .array(z.string().trim().transform((t) => t.replace(/^#/, '')).pipe(z.string().regex(/^[\p{L}\p{N}_]{1,100}$/u, 'a hashtag of letters, digits and _')))
      .max(20)
      .default([]),
  })
  .strict();

const Secrets = z.object({ accessToken: z.string().min(10).max(500) }).strict();

const Posted = z.object({ id: z.string().min(1) });

const base = (url: string) => url.replace(/\/+$/, '');

/** Mastodon's 429 says when the window resets (an ISO time), not how long to wait. */
function mastodonFailure(res: HttpAnswer): AppError {
  const answer = jsonOrNull(res.text);
  const reason = typeof answer === 'object' && answer !== null && 'error' in answer && typeof answer.error === 'string' ? answer.error : `HTTP ${res.status}`;
  if (res.status === 429) {
    const reset = Date.parse(String(res.headers['x-ratelimit-reset'] ?? ''));
    return new AppError('rate_limited', `Mastodon rate limit: ${reason}`, { retryAfterMs: Number.isNaN(reset) ? 60_000 : Math.max(1_000, reset - Date.now()) });
  }
  if (res.status === 401) return new AppError('unauthorized', `Mastodon refused the access token: ${reason}`);
  return failureFromResponse(res.status, null, reason);
}

/** Calls the instance's REST API with the channel's token. */
export async function callMastodon(settings: z.infer<typeof Settings>, token: string | undefined, method: 'GET' | 'POST', path: string, body: unknown, headers: Record<string, string>, allowPrivateNetworks: boolean): Promise<unknown> {
  if (!token) throw new AppError('unauthorized', 'This Mastodon channel has no access token; add one in the channel settings.');
  let res: HttpAnswer;
  try {
    res = await requestOutbound(method, `${base(settings.instanceUrl)}${path}`, { authorization: `Bearer ${token}`, accept: 'application/json', ...(body !== null && { 'content-type': 'application/json' }), ...headers }, body === null ? null : JSON.stringify(body), { allowPrivateNetworks, timeoutMs: 30_000, maxBytes: 1024 * 1024 });
  } catch (err) {
    if (isAppError(err)) throw err;
    throw failureFromNetwork(err);
  }
  if (res.status < 200 || res.status >= 300) throw mastodonFailure(res);
  return jsonOrNull(res.text);
}

/** The mention Mastodon needs to deliver a reply to its author, unless the agent already wrote it. */
export function withMention(acct: string | null, text: string): string {
  if (!acct) return text;
  const mention = `@${acct}`;
  return text.trimStart().toLowerCase().startsWith(mention.toLowerCase()) ? text : `${mention} ${text}`;
}

/**
 * Mastodon: mentions and hashtags arrive over the streaming API (see stream.ts); replies are
 * statuses in reply to the customer's last one, public where the conversation is, direct otherwise.
 */
export const mastodonChannel: ChannelAdapter = {
  type: 'mastodon',
  settings: Settings,
  secrets: Secrets,
  async send(ctx) {
    const settings = Settings.parse(ctx.channel.settings);
    const body = {
      status: withMention(ctx.recipientId, ctx.message.text),
      ...(ctx.lastInboundExternalId && { in_reply_to_id: ctx.lastInboundExternalId }),
      visibility: ctx.message.visibility === 'public' ? 'public' : 'direct',
    };
    // The idempotency key makes a retried post after a lost answer one status, not two.
    const posted = Posted.safeParse(await callMastodon(settings, ctx.secrets.accessToken, 'POST', '/api/v1/statuses', body, { 'idempotency-key': ctx.message.id }, ctx.allowPrivateNetworks));
    if (!posted.success) throw new AppError('unavailable', 'Mastodon answered without a status id.');
    return { externalId: posted.data.id };
  },
};
