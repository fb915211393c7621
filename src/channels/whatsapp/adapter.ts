import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import type { ChannelAdapter, OutboundContext } from '../adapter.js';
import { webhookJson } from '../json.js';
import { fetchGraphMedia, GraphSettings, postGraph } from '../meta/graph.js';
import { assertMetaSignature, metaVerification } from '../meta/webhook.js';
import { readWhatsAppWebhook } from './payload.js';

/** WhatsApp allows free-form replies this long after the customer's last message; later only approved templates. */
export const CUSTOMER_SERVICE_WINDOW_MS = 24 * 3600_000;

const Settings = z
  .object({
    phoneNumberId: z.string().regex(/^\d{1,32}$/, 'the numeric phone number id from the WhatsApp Manager'),
    ...GraphSettings,
    /** Sent instead of free text once the 24-hour window has closed; its body's one parameter carries the reply. */
    reengagementTemplate: z
      .object({ name: z.string().regex(/^[a-z0-9_]{1,512}$/), language: z.string().regex(/^[a-z]{2,3}(_[A-Z]{2})?$/), bodyParameter: z.boolean().default(true) })
      .strict()
      .optional(),
  })
  .strict();

const Secrets = z.object({ appSecret: z.string().min(8).max(512), verifyToken: z.string().min(8).max(512), accessToken: z.string().min(8).max(4096) }).strict();

const SendAnswer = z.object({ messages: z.array(z.object({ id: z.string() })).min(1) });

function messageBody(ctx: OutboundContext, settings: z.infer<typeof Settings>, to: string): Record<string, unknown> {
  const windowOpen = ctx.lastInboundAt !== null && Date.now() - ctx.lastInboundAt.getTime() < CUSTOMER_SERVICE_WINDOW_MS;
  if (windowOpen) return { messaging_product: 'whatsapp', recipient_type: 'individual', to, type: 'text', text: { preview_url: false, body: ctx.message.text } };
  const template = settings.reengagementTemplate;
  if (!template) {
    throw new AppError('invalid', 'The customer last wrote more than 24 hours ago; WhatsApp now only delivers an approved template. Set a re-engagement template in the channel settings.');
  }
  return {
    messaging_product: 'whatsapp',
    to,
    type: 'template',
    template: {
      name: template.name,
      language: { code: template.language },
      ...(template.bodyParameter && { components: [{ type: 'body', parameters: [{ type: 'text', text: ctx.message.text.slice(0, 1024) }] }] }),
    },
  };
}

/** WhatsApp Business via Meta's Cloud API. */
export const whatsappChannel: ChannelAdapter = {
  type: 'whatsapp',
  settings: Settings,
  secrets: Secrets,
  async webhook(req, channel, env) {
    if (req.method === 'GET') return metaVerification(req, channel.secrets.verifyToken);
    assertMetaSignature(req, channel.secrets.appSecret);
    const settings = Settings.parse(channel.settings);
    const { messages, reports } = readWhatsAppWebhook(webhookJson(req), settings.phoneNumberId);
    const token = channel.secrets.accessToken ?? '';
    const target = { apiBaseUrl: settings.apiBaseUrl, apiVersion: settings.apiVersion, token, allowPrivateNetworks: env.allowPrivateNetworks };
    // Photos, voice notes and documents are fetched before Meta hears 200: if fetching fails
    // for a while, Meta delivers again; a file Meta no longer has leaves the message's own text.
    const withFiles = await Promise.all(
      messages.map(async ({ media, ...msg }) => {
        const file = media ? await fetchGraphMedia(target, media.id) : null;
        return file ? { ...msg, files: [{ filename: media?.filename ?? null, contentType: file.contentType ?? media?.mimeType ?? null, content: file.content }] } : msg;
      }),
    );
    return { kind: 'events', messages: withFiles, reports };
  },
  async send(ctx) {
    const settings = Settings.parse(ctx.channel.settings);
    const token = ctx.secrets.accessToken;
    if (!token) throw new AppError('unauthorized', 'This WhatsApp channel has no access token; add one in the channel settings.');
    if (!ctx.recipientId) throw new AppError('invalid', 'The contact has no WhatsApp number on this channel.');
    const target = { apiBaseUrl: settings.apiBaseUrl, apiVersion: settings.apiVersion, token, allowPrivateNetworks: ctx.allowPrivateNetworks };
    const answer = await postGraph(target, `${settings.phoneNumberId}/messages`, messageBody(ctx, settings, ctx.recipientId), SendAnswer);
    return { externalId: answer.messages[0]?.id ?? '' };
  },
};
