import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import type { ChannelAdapter } from '../adapter.js';
import type { PolledChannel, PollResult } from '../polling.js';
import { callPortal } from '../review-portal-http.js';
import { messageFromReview, type Review } from '../review-message.js';

const Settings = z
  .object({
    accountId: z.string().regex(/^\d{1,40}$/, 'the numeric account id'),
    locationId: z.string().regex(/^\d{1,40}$/, 'the numeric location id'),
    apiBaseUrl: z.url({ protocol: /^https?$/ }).max(2048).default('https://mybusiness.googleapis.com'),
    pollMinutes: z.number().int().min(1).max(1440).default(15),
  })
  .strict();

const Secrets = z.object({ accessToken: z.string().min(8).max(4000) }).strict();

const STARS = { ONE: 1, TWO: 2, THREE: 3, FOUR: 4, FIVE: 5 } as const;

const GReview = z.object({
  reviewId: z.string().min(1).max(200),
  reviewer: z.object({ displayName: z.string().nullish(), isAnonymous: z.boolean().nullish() }).nullish(),
  starRating: z.enum(['ONE', 'TWO', 'THREE', 'FOUR', 'FIVE']),
  comment: z.string().nullish(),
  createTime: z.string(),
  updateTime: z.string().nullish(),
});
const Page = z.object({ reviews: z.array(z.unknown()).default([]), nextPageToken: z.string().nullish() });

const PAGE_SIZE = 50;
const MAX_PAGES = 40;

const base = (url: string) => url.replace(/\/+$/, '');
const locationPath = (s: z.infer<typeof Settings>) => `/v4/accounts/${encodeURIComponent(s.accountId)}/locations/${encodeURIComponent(s.locationId)}`;

function reviewOf(r: z.infer<typeof GReview>): Review {
  // Google gives reviewers no stable id, so each review is its own reviewer until an agent merges them.
  return { id: r.reviewId, rating: STARS[r.starRating], text: r.comment ?? null, author: r.reviewer?.isAnonymous ? null : (r.reviewer?.displayName ?? null), createdAt: new Date(r.createTime) };
}

/**
 * One page of Google's answer: the reviews changed since `since` with their times, and whether the
 * page reached older ones. A review Parley cannot read (no id, no readable time) is skipped, so one
 * odd entry never stops a channel's polling.
 */
export function readReviewPage(body: unknown, since: number): { reviews: Review[]; times: number[]; older: boolean; nextPageToken: string | null } {
  const parsed = Page.safeParse(body);
  if (!parsed.success) throw new AppError('unavailable', 'Google answered with something that is not a page of reviews.');
  const reviews: Review[] = [];
  const times: number[] = [];
  let older = false;
  for (const raw of parsed.data.reviews) {
    const review = GReview.safeParse(raw);
    if (!review.success) continue;
    const at = Date.parse(review.data.updateTime ?? review.data.createTime);
    if (Number.isNaN(at) || Number.isNaN(Date.parse(review.data.createTime))) continue;
    if (at < since) older = true;
    else {
      reviews.push(reviewOf(review.data));
      times.push(at);
    }
  }
  return { reviews, times, older, nextPageToken: parsed.data.nextPageToken ?? null };
}

/** Business Profile reviews, newest first, page by page back to the newest review seen. */
export const googleReviewsPoller: PolledChannel = {
  type: 'google_reviews',
  intervalMs: (settings) => Settings.parse(settings).pollMinutes * 60_000,
  async poll(channel, cursors, allowPrivateNetworks): Promise<PollResult> {
    const settings = Settings.parse(channel.settings);
    const token = channel.secrets.accessToken;
    if (!token) throw new AppError('unauthorized', 'This Google reviews channel needs an access token.');
    const since = cursors.newestReviewAt ? Date.parse(cursors.newestReviewAt) : Number.NEGATIVE_INFINITY;
    const found: Review[] = [];
    let newest = cursors.newestReviewAt ?? null;
    let pageToken: string | null = null;
    for (let page = 0; page < MAX_PAGES; page++) {
      const query = new URLSearchParams({ pageSize: String(PAGE_SIZE), orderBy: 'updateTime desc', ...(pageToken && { pageToken }) });
      const parsed = readReviewPage(await callPortal('GET', `${base(settings.apiBaseUrl)}${locationPath(settings)}/reviews?${query}`, { authorization: `Bearer ${token}` }, null, allowPrivateNetworks), since);
      found.push(...parsed.reviews);
      for (const at of parsed.times) if (!newest || at > Date.parse(newest)) newest = new Date(at).toISOString();
      pageToken = parsed.nextPageToken;
      if (parsed.older || !pageToken) break;
    }
    return { messages: found.reverse().map(messageFromReview), cursors: { newestReviewAt: newest } };
  },
};

/** Google Business Profile: reviews polled, the reply set (or replaced) with PUT …/reply. */
export const googleReviewsChannel: ChannelAdapter = {
  type: 'google_reviews',
  settings: Settings,
  secrets: Secrets,
  async send(ctx) {
    const settings = Settings.parse(ctx.channel.settings);
    const reviewId = ctx.conversation.threadKey;
    if (!reviewId) throw new AppError('invalid', 'This conversation is not about a Google review.');
    const token = ctx.secrets.accessToken;
    if (!token) throw new AppError('unauthorized', 'This Google reviews channel needs an access token.');
    await callPortal('PUT', `${base(settings.apiBaseUrl)}${locationPath(settings)}/reviews/${encodeURIComponent(reviewId)}/reply`, { authorization: `Bearer ${token}` }, { comment: ctx.message.text }, ctx.allowPrivateNetworks);
    return {};
  },
};
