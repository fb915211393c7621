import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import type { ChannelAdapter } from '../adapter.js';
import { webhookJson } from '../json.js';
import { GraphSettings, postGraph } from '../meta/graph.js';
import { sendMetaReply } from '../meta/messaging.js';
import { assertMetaSignature, metaVerification } from '../meta/webhook.js';
import { readPageWebhook } from './payload.js';

const Settings = z.object({ pageId: z.string().regex(/^\d{1,32}$/, 'the numeric id of the Facebook Page'), ...GraphSettings }).strict();

const Secrets = z.object({ appSecret: z.string().min(8).max(512), verifyToken: z.string().min(8).max(512), pageAccessToken: z.string().min(8).max(4096) }).strict();

const Created = z.object({ id: z.string().min(1) });

/** A Facebook Page: comments on its posts (public) and Messenger conversations (private). */
export const facebookChannel: ChannelAdapter = {
  type: 'facebook',
  settings: Settings,
  secrets: Secrets,
  webhook(req, channel) {
    if (req.method === 'GET') return metaVerification(req, channel.secrets.verifyToken);
    assertMetaSignature(req, channel.secrets.appSecret);
    const settings = Settings.parse(channel.settings);
    return { kind: 'events', ...readPageWebhook(webhookJson(req), settings.pageId) };
  },
  async send(ctx) {
    const settings = Settings.parse(ctx.channel.settings);
    const token = ctx.secrets.pageAccessToken;
    if (!token) throw new AppError('unauthorized', 'This Facebook channel has no Page access token; add one in the channel settings.');
    const target = { apiBaseUrl: settings.apiBaseUrl, apiVersion: settings.apiVersion, token, allowPrivateNetworks: ctx.allowPrivateNetworks };
    return sendMetaReply(ctx, target, async (commentId) => {
      const created = await postGraph(target, `${encodeURIComponent(commentId)}/comments`, { message: ctx.message.text }, Created);
      return { externalId: created.id };
    });
  },
};
