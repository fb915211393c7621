import { z } from 'zod';
import { AppError, isAppError } from '../../domain/errors.js';
import { streamOutbound } from '../../security/outbound-http.js';
import { failureFromNetwork } from '../http-failure.js';
import type { XSettings } from './adapter.js';
import { callX, type XTarget, xFailure } from './api.js';
import { readStreamLine, type StreamedPost } from './payload.js';

// The v2 filtered stream: one long-lived connection per X app (its bearer token), rules that
// Parley keeps in step with each channel's handle and keywords, tagged with the channel's id so
// every post reaches the channels it matched.

export const STREAM_PATH = '/2/tweets/search/stream?tweet.fields=conversation_id,author_id,created_at&expansions=author_id&user.fields=name,username';

/** X sends a blank line every 20 seconds; this long without a byte means the connection is dead. */
const IDLE_MS = 30_000;

export const ruleTag = (channelId: string) => `parley:${channelId}`;

/** Posts that mention the account or name a keyword, except reposts and the account's own posts. */
export function streamRule(settings: Pick<XSettings, 'handle' | 'keywords'>): string {
  const terms = [`@${settings.handle}`, ...settings.keywords.map((k) => (/\s/.test(k) ? `"${k}"` : k))];
  return `(${terms.join(' OR ')}) -is:retweet -from:${settings.handle}`;
}

export interface WantedRule {
  tag: string;
  value: string;
}

const Rules = z.object({ data: z.array(z.object({ id: z.string(), value: z.string(), tag: z.string().optional() })).optional() });
const RulesChanged = z.object({ meta: z.object({ sent: z.string().optional() }).loose() }).loose();

/**
 * Makes the app's rules for these channels exactly `wanted`: a rule whose value changed is
 * replaced, missing ones are added, and rules of other tags are left alone.
 */
export async function syncStreamRules(target: XTarget, wanted: WantedRule[]): Promise<void> {
  const current = (await callX(target, 'GET', '/2/tweets/search/stream/rules', null, Rules)).data ?? [];
  const ours = new Set(wanted.map((w) => w.tag));
  const stale = current.filter((r) => r.tag !== undefined && ours.has(r.tag) && !wanted.some((w) => w.tag === r.tag && w.value === r.value));
  const missing = wanted.filter((w) => !current.some((r) => r.tag === w.tag && r.value === w.value));
  if (stale.length > 0) await callX(target, 'POST', '/2/tweets/search/stream/rules', { delete: { ids: stale.map((r) => r.id) } }, RulesChanged);
  if (missing.length > 0) await callX(target, 'POST', '/2/tweets/search/stream/rules', { add: missing.map((w) => ({ value: w.value, tag: w.tag })) }, RulesChanged);
}

/**
 * Reads the stream until X or the network ends it (resolves) or it cannot be opened (throws the
 * classified failure). Blank keep-alive lines are skipped; a line that is not a post is reported
 * and skipped, so one odd line never ends the stream.
 */
export async function readFilteredStream(target: XTarget, signal: AbortSignal, onPost: (post: StreamedPost) => Promise<void>, onError: (err: unknown) => void): Promise<void> {
  let stream;
  try {
    stream = await streamOutbound(`${target.apiBaseUrl}${STREAM_PATH}`, { authorization: `Bearer ${target.token}` }, { allowPrivateNetworks: target.allowPrivateNetworks, idleMs: IDLE_MS, signal });
  } catch (err) {
    throw isAppError(err) ? err : failureFromNetwork(err);
  }
  if (stream.status !== 200) {
    const chunks: Buffer[] = [];
    for await (const chunk of stream.body) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    throw xFailure({ status: stream.status, headers: stream.headers, bytes, text: bytes.toString('utf8') });
  }
  let pending = '';
  try {
    for await (const chunk of stream.body) {
      pending += (chunk as Buffer).toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (line.trim().length === 0) continue;
        let json: unknown;
        try {
          json = JSON.parse(line);
        } catch {
          onError(new AppError('invalid', 'The filtered stream sent a line that is not JSON.'));
          continue;
        }
        if (typeof json === 'object' && json !== null && 'errors' in json && !('data' in json)) {
          // An operational disconnect: X tells why, then closes; the caller reconnects.
          onError(new AppError('unavailable', `The filtered stream was closed by X: ${JSON.stringify(json).slice(0, 300)}`));
          continue;
        }
        let post: StreamedPost;
        try {
          post = readStreamLine(json);
        } catch (err) {
          onError(err);
          continue;
        }
        await onPost(post);
      }
    }
  } catch (err) {
    if (signal.aborted) return;
    throw failureFromNetwork(err);
  }
}

/**
 * How long to wait before connecting again, as X asks: after a clean end or a network error
 * 250 ms more each time up to 16 s; after an HTTP error 5 s doubling up to 320 s; after 429
 * until the limit's reset, or 1 minute doubling.
 */
export function reconnectDelayMs(err: unknown, attempt: number): number {
  const status = isAppError(err) ? err.details?.status : undefined;
  if (status === 429) {
    const hinted = isAppError(err) ? err.details?.retryAfterMs : undefined;
    return typeof hinted === 'number' ? hinted : Math.min(60_000 * 2 ** attempt, 15 * 60_000);
  }
  if (typeof status === 'number') return Math.min(5_000 * 2 ** attempt, 320_000);
  return Math.min(250 * (attempt + 1), 16_000);
}

export interface StreamGroup {
  target: XTarget;
  rules: WantedRule[];
}

/**
 * Keeps one app's stream connected until `signal` aborts: rules synced before each connection,
 * posts handed to `onPost`, reconnecting with backoff after every end or failure.
 */
export async function runFilteredStream(group: StreamGroup, signal: AbortSignal, onPost: (post: StreamedPost) => Promise<void>, onError: (err: unknown) => void): Promise<void> {
  let attempt = 0;
  while (!signal.aborted) {
    let failure: unknown = null;
    const started = Date.now();
    try {
      await syncStreamRules(group.target, group.rules);
      await readFilteredStream(group.target, signal, onPost, onError);
    } catch (err) {
      failure = err;
      onError(err);
    }
    if (signal.aborted) return;
    // A connection that held for a while starts the backoff afresh.
    if (Date.now() - started > 60_000) attempt = 0;
    const delay = reconnectDelayMs(failure, attempt);
    attempt++;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, delay);
      signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
    });
  }
}
