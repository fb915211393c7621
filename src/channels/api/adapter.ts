import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AppError, isAppError } from '../../domain/errors.js';
import { type HttpAnswer, postOutbound } from '../../security/outbound-http.js';
import type { ChannelAdapter } from '../adapter.js';
import { failureFromNetwork, failureFromResponse } from '../http-failure.js';
import { newWebhookSecret, webhookHeaders } from '../standard-webhooks.js';

const Settings = z
  .object({ webhookUrl: z.url({ protocol: /^https?$/ }).max(2048).optional() })
  .strict();

const Secrets = z.object({ webhookSecret: z.string().regex(/^whsec_[A-Za-z0-9+/=]{16,}$/, 'a Standard Webhooks secret (whsec_…)') }).strict();

/** The generic channel: any system posts inbound messages to the API and receives replies on its webhook. */
export const apiChannel: ChannelAdapter = {
  type: 'api',
  settings: Settings,
  secrets: Secrets.partial(),
  generateSecrets: () => ({ webhookSecret: newWebhookSecret() }),
  async send(ctx) {
    const url = typeof ctx.channel.settings.webhookUrl === 'string' ? ctx.channel.settings.webhookUrl : undefined;
    const secret = ctx.secrets.webhookSecret;
    if (!url || !secret) {
      throw new AppError('invalid', 'This API channel has no webhook URL: set one in the channel settings to deliver replies.');
    }
    const id = `msg_${ctx.message.id}`;
    const body = JSON.stringify({
      type: 'message.outbound',
      timestamp: new Date().toISOString(),
      data: {
        message: { id: ctx.message.id, text: ctx.message.text, html: ctx.message.html, createdAt: ctx.message.createdAt },
        conversation: { id: ctx.conversation.id, threadKey: ctx.conversation.threadKey, subject: ctx.conversation.subject },
        recipient: { id: ctx.recipientId, contactId: ctx.contact.id, name: ctx.contact.name, email: ctx.contact.email },
      },
    });
    let res: HttpAnswer;
    try {
      res = await postOutbound(url, { 'content-type': 'application/json', 'user-agent': 'Parley-Webhooks/1', ...webhookHeaders(secret, id, body) }, body, { allowPrivateNetworks: ctx.allowPrivateNetworks });
    } catch (err) {
      throw isAppError(err) ? err : failureFromNetwork(err);
    }
    if (res.status < 200 || res.status >= 300) {
      const retryAfter = res.headers['retry-after'];
      throw failureFromResponse(res.status, typeof retryAfter === 'string' ? retryAfter : null, res.text.slice(0, 200) || `HTTP ${res.status}`);
    }
    const messageId = res.headers['x-message-id'];
    return { externalId: typeof messageId === 'string' ? messageId : randomUUID() };
  },
};
