import { z } from 'zod';
import { AppError, isAppError } from '../../domain/errors.js';
import { type HttpAnswer, requestOutbound } from '../../security/outbound-http.js';
import type { ChannelAdapter } from '../adapter.js';
import { failureFromNetwork, failureFromResponse } from '../http-failure.js';
import type { PolledChannel, PollResult } from '../polling.js';
import { readFeed } from './feed.js';
import { messageFromEntry } from './message.js';
import { FEED_XML_LIMITS } from './xml.js';

export const Settings = z
  .object({
    feedUrl: z.url({ protocol: /^https?$/ }).max(2048),
    pollMinutes: z.number().int().min(1).max(1440).default(15),
  })
  .strict();

/** A feed larger than this is refused rather than cut (a cut feed is not well-formed anyway). */
const MAX_FEED_BYTES = FEED_XML_LIMITS.maxChars;

/** The XML declaration's encoding, for the few feeds still not in UTF-8. */
function decode(bytes: Buffer): string {
  const declared = /^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i.exec(bytes.subarray(0, 200).toString('latin1'))?.[1];
  try {
    return new TextDecoder(declared ?? 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

/** Fetches the feed, asking only for a changed one (ETag / Last-Modified); 304 answers nothing new. */
async function fetchFeed(feedUrl: string, cursors: Record<string, string>, allowPrivateNetworks: boolean): Promise<HttpAnswer> {
  const headers: Record<string, string> = {
    accept: 'application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1',
    'user-agent': 'Parley feed reader',
    ...(cursors.etag && { 'if-none-match': cursors.etag }),
    ...(cursors.lastModified && { 'if-modified-since': cursors.lastModified }),
  };
  try {
    return await requestOutbound('GET', feedUrl, headers, null, { allowPrivateNetworks, timeoutMs: 30_000, maxBytes: MAX_FEED_BYTES + 1 });
  } catch (err) {
    if (isAppError(err)) throw err;
    throw failureFromNetwork(err);
  }
}

const header = (value: string | string[] | undefined): string | null => (Array.isArray(value) ? (value[0] ?? null) : (value ?? null));

/** Polls RSS 2.0, RSS 1.0 and Atom feeds (forums, blogs, news); every entry is a public message. */
export const rssPoller: PolledChannel = {
  type: 'rss',
  intervalMs: (settings) => Settings.parse(settings).pollMinutes * 60_000,
  async poll(channel, cursors, allowPrivateNetworks): Promise<PollResult> {
    const { feedUrl } = Settings.parse(channel.settings);
    const res = await fetchFeed(feedUrl, cursors, allowPrivateNetworks);
    if (res.status === 304) return { messages: [], cursors: {} };
    if (res.status !== 200) throw failureFromResponse(res.status, header(res.headers['retry-after']), `the feed answered HTTP ${res.status}`);
    if (res.bytes.length > MAX_FEED_BYTES) throw new AppError('too_large', `The feed is larger than ${MAX_FEED_BYTES} bytes; Parley reads feeds up to that size.`);
    const feed = readFeed(decode(res.bytes), feedUrl);
    // Feeds list the newest first; storing oldest first keeps each thread in the order it was written.
    const messages = feed.entries.map((e) => messageFromEntry(e, feed, feedUrl)).reverse();
    return { messages, cursors: { etag: header(res.headers.etag), lastModified: header(res.headers['last-modified']) } };
  },
};

/** An RSS or Atom feed: read-only, so replies link out to the entry instead of being sent. */
export const rssChannel: ChannelAdapter = {
  type: 'rss',
  settings: Settings,
  secrets: z.object({}).strict(),
  async send(ctx) {
    const link = ctx.conversation.threadKey?.startsWith('http') ? ` at ${ctx.conversation.threadKey}` : '';
    throw new AppError('invalid', `A feed cannot be answered from Parley: link out and reply on the site itself${link}.`, { linkOut: ctx.conversation.threadKey });
  },
};
