import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
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
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'Parley-Webhooks/1', ...webhookHeaders(secret, id, body) },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(10_000),
      });
    } catch (err) {
      throw failureFromNetwork(err);
    }
    const text = await res.text().catch(() => '');
    if (!res.ok) throw failureFromResponse(res.status, res.headers.get('retry-after'), text.slice(0, 200) || res.statusText);
    return { externalId: res.headers.get('x-message-id') ?? randomUUID() };
  },
};
