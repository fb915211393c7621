import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import type { ChannelAdapter } from '../adapter.js';
import type { PolledChannel, PollResult } from '../polling.js';
import { callPortal } from '../review-portal-http.js';
import { messageFromReview, type Review } from '../review-message.js';

const Settings = z
  .object({
    businessUnitId: z.string().regex(/^[A-Za-z0-9]{6,64}$/, 'the business unit id from Trustpilot Business'),
    apiBaseUrl: z.url({ protocol: /^https?$/ }).max(2048).default('https://api.trustpilot.com'),
    pollMinutes: z.number().int().min(1).max(1440).default(15),
  })
  .strict();

const Secrets = z.object({ apiKey: z.string().min(8).max(500), accessToken: z.string().min(8).max(4000) }).strict();

const TpReview = z.object({
  id: z.string().min(1).max(200),
  stars: z.number().int().min(1).max(5),
  title: z.string().nullish(),
  text: z.string().nullish(),
  language: z.string().nullish(),
  createdAt: z.string(),
  consumer: z.object({ id: z.string().nullish(), displayName: z.string().nullish() }).nullish(),
});
const Page = z.object({ reviews: z.array(z.unknown()), links: z.array(z.object({ rel: z.string(), href: z.string() })).optional() });

const PER_PAGE = 100;
/** Pages walked per poll; a first poll of a large business reads the newest 2,000 reviews. */
const MAX_PAGES = 20;

const base = (url: string) => url.replace(/\/+$/, '');

function reviewOf(r: z.infer<typeof TpReview>): Review {
  return { id: r.id, rating: r.stars, title: r.title ?? null, text: r.text ?? null, author: r.consumer?.displayName ?? null, authorId: r.consumer?.id ? `consumer:${r.consumer.id}` : null, language: r.language ?? null, createdAt: new Date(r.createdAt) };
}

/** Trustpilot's private reviews API: newest first, page by page back to the newest review seen. */
export const trustpilotPoller: PolledChannel = {
  type: 'trustpilot',
  intervalMs: (settings) => Settings.parse(settings).pollMinutes * 60_000,
  async poll(channel, cursors, allowPrivateNetworks): Promise<PollResult> {
    const settings = Settings.parse(channel.settings);
    const { apiKey, accessToken } = channel.secrets;
    if (!apiKey || !accessToken) throw new AppError('unauthorized', 'This Trustpilot channel needs an API key and an access token.');
    const since = cursors.newestReviewAt ? Date.parse(cursors.newestReviewAt) : Number.NEGATIVE_INFINITY;
    const found: Review[] = [];
    let newest = cursors.newestReviewAt ?? null;
    for (let page = 1; page <= MAX_PAGES; page++) {
      const url = `${base(settings.apiBaseUrl)}/v1/private/business-units/${encodeURIComponent(settings.businessUnitId)}/reviews?orderBy=createdat.desc&perPage=${PER_PAGE}&page=${page}`;
      const parsed = Page.safeParse(await callPortal('GET', url, { apikey: apiKey, authorization: `Bearer ${accessToken}` }, null, allowPrivateNetworks));
      if (!parsed.success) throw new AppError('unavailable', 'Trustpilot answered with something that is not a page of reviews.');
      let older = false;
      for (const raw of parsed.data.reviews) {
        // One malformed review must not hold back the others.
        const review = TpReview.safeParse(raw);
        if (!review.success) continue;
        const at = Date.parse(review.data.createdAt);
        if (at < since) older = true;
        else {
          found.push(reviewOf(review.data));
          if (!newest || at > Date.parse(newest)) newest = new Date(at).toISOString();
        }
      }
      const hasNext = parsed.data.links?.some((l) => l.rel === 'next-page') ?? parsed.data.reviews.length === PER_PAGE;
      if (older || !hasNext) break;
    }
    return { messages: found.reverse().map(messageFromReview), cursors: { newestReviewAt: newest } };
  },
};

/** Trustpilot: reviews polled, replies posted as the company's public reply to the review. */
export const trustpilotChannel: ChannelAdapter = {
  type: 'trustpilot',
  settings: Settings,
  secrets: Secrets,
  async send(ctx) {
    const settings = Settings.parse(ctx.channel.settings);
    const reviewId = ctx.conversation.threadKey;
    if (!reviewId) throw new AppError('invalid', 'This conversation is not about a Trustpilot review.');
    const { apiKey, accessToken } = ctx.secrets;
    if (!apiKey || !accessToken) throw new AppError('unauthorized', 'This Trustpilot channel needs an API key and an access token.');
    await callPortal('POST', `${base(settings.apiBaseUrl)}/v1/private/reviews/${encodeURIComponent(reviewId)}/reply`, { apikey: apiKey, authorization: `Bearer ${accessToken}` }, { message: ctx.message.text }, ctx.allowPrivateNetworks);
    return {};
  },
};
