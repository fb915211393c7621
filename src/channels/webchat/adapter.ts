import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { ChannelAdapter } from '../adapter.js';

export const WebchatSettings = z
  .object({
    /** Sites allowed to embed the widget (`https://shop.example`); empty allows any site. */
    allowedOrigins: z.array(z.url({ protocol: /^https?$/ }).max(200)).max(50).default([]),
    /** Ask for name and e-mail before the first message. */
    preChatForm: z.boolean().default(false),
    greetingDe: z.string().max(500).default('Hallo! Wie können wir helfen?'),
    greetingEn: z.string().max(500).default('Hi! How can we help?'),
    /** Outside business hours the widget asks for an e-mail address and promises an answer by e-mail. */
    offlineByBusinessHours: z.boolean().default(true),
  })
  .strict();

export type WebchatSettings = z.infer<typeof WebchatSettings>;

const Secrets = z.object({ visitorKey: z.string().min(32).max(200) }).strict();

/**
 * The website chat. A reply is delivered by being stored: the visitor's widget receives it live
 * over its socket, or reads it when it comes back.
 */
export const webchatChannel: ChannelAdapter = {
  type: 'webchat',
  settings: WebchatSettings,
  secrets: Secrets,
  generateSecrets: () => ({ visitorKey: randomBytes(32).toString('base64url') }),
  async send(ctx) {
    return { externalId: `webchat-${ctx.message.id}` };
  },
};
