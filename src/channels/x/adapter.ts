import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import { safeEqual } from '../../security/tokens.js';
import type { ChannelAdapter, OutboundContext, WebhookRequest } from '../adapter.js';
import { webhookJson } from '../json.js';
import { callX, type XTarget } from './api.js';
import { readAccountActivity } from './payload.js';

export const XSettings = z
  .object({
    /** The numeric id of the X account the channel answers as. */
    userId: z.string().regex(/^\d{1,20}$/, 'the numeric id of the X account'),
    handle: z.string().regex(/^@?\w{1,15}$/, 'the account\'s @handle').transform((h) => h.replace(/^@/, '')),
    /** Words and phrases besides the handle the filtered stream listens for (the brand, products). */
    keywords: z.array(z.string().trim().min(2).max(60).regex(/^[^"()]+$/, 'words without quotes or parentheses')).max(20).default([]),
    apiBaseUrl: z.url({ protocol: /^https?$/ }).max(2048).default('https://api.x.com'),
  })
  .strict();

export type XSettings = z.infer<typeof XSettings>;

const Secrets = z
  .object({
    /** The app's API secret: signs the CRC answer and every Account Activity delivery. */
    consumerSecret: z.string().min(8).max(512),
    /** An OAuth 2.0 user token of the account (tweet.write, dm.write): posts and sends as it. */
    userAccessToken: z.string().min(8).max(4096),
    /** The app's bearer token: reads the filtered stream and manages its rules. Without it no stream runs. */
    bearerToken: z.string().min(8).max(4096).optional(),
  })
  .strict();

/** `sha256=` and the base64 HMAC-SHA256 of `data` under the consumer secret, as X signs. */
export function xSignature(consumerSecret: string, data: Buffer | string): string {
  return `sha256=${createHmac('sha256', consumerSecret).update(data).digest('base64')}`;
}

/** The Challenge-Response Check X sends when the webhook is registered and every so often after. */
function answerCrc(req: WebhookRequest, consumerSecret: string | undefined) {
  const token = req.query.crc_token ?? '';
  if (!consumerSecret) throw new AppError('unauthorized', 'This X channel has no consumer secret to answer the CRC check with.');
  if (token.length === 0 || token.length > 512) throw new AppError('invalid', 'crc_token is missing or too long.');
  return { kind: 'answer' as const, status: 200, contentType: 'application/json', body: JSON.stringify({ response_token: xSignature(consumerSecret, token) }) };
}

function assertXSignature(req: WebhookRequest, consumerSecret: string | undefined): void {
  const given = req.headers['x-twitter-webhooks-signature'] ?? '';
  if (!consumerSecret || given.length === 0 || !safeEqual(given, xSignature(consumerSecret, req.rawBody))) {
    throw new AppError('unauthorized', 'The x-twitter-webhooks-signature header does not match the body signed with this channel\'s consumer secret.');
  }
}

const Posted = z.object({ data: z.object({ id: z.string().min(1) }) });
const DmSent = z.object({ data: z.object({ dm_event_id: z.string().min(1) }) });

async function sendDm(target: XTarget, ctx: OutboundContext): Promise<string> {
  if (!ctx.recipientId) throw new AppError('invalid', 'The contact has no X account id on this channel.');
  const sent = await callX(target, 'POST', `/2/dm_conversations/with/${encodeURIComponent(ctx.recipientId)}/messages`, { text: ctx.message.text }, DmSent);
  return sent.data.dm_event_id;
}

/**
 * An X account: posts that mention or answer it (public) and direct messages (private). A
 * public reply answers the customer's latest post; a private reply in a public conversation
 * goes to the author as a direct message.
 */
export const xChannel: ChannelAdapter = {
  type: 'x',
  settings: XSettings,
  secrets: Secrets,
  webhook(req, channel) {
    if (req.method === 'GET') return answerCrc(req, channel.secrets.consumerSecret);
    assertXSignature(req, channel.secrets.consumerSecret);
    const settings = XSettings.parse(channel.settings);
    return { kind: 'events', messages: readAccountActivity(webhookJson(req), settings.userId), reports: [] };
  },
  async send(ctx) {
    const settings = XSettings.parse(ctx.channel.settings);
    const token = ctx.secrets.userAccessToken;
    if (!token) throw new AppError('unauthorized', 'This X channel has no user access token; add one in the channel settings.');
    const target = { apiBaseUrl: settings.apiBaseUrl, token, allowPrivateNetworks: ctx.allowPrivateNetworks };
    if (ctx.message.visibility === 'private') return { externalId: await sendDm(target, ctx) };
    if (ctx.conversation.visibility === 'private') throw new AppError('invalid', 'A private conversation cannot be answered publicly.');
    const postId = ctx.lastInboundExternalId;
    if (!postId) throw new AppError('invalid', 'This public conversation has no post to reply to.');
    const posted = await callX(target, 'POST', '/2/tweets', { text: ctx.message.text, reply: { in_reply_to_tweet_id: postId } }, Posted);
    return { externalId: posted.data.id };
  },
};
