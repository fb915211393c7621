import { z } from 'zod';
import { AppError } from '../domain/errors.js';
import type { ChannelAdapter } from './adapter.js';
import { apiChannel } from './api/adapter.js';
import { emailChannel } from './email/adapter.js';
import { facebookChannel } from './facebook/adapter.js';
import { googleReviewsChannel, googleReviewsPoller } from './google-reviews/adapter.js';
import { instagramChannel } from './instagram/adapter.js';
import { letterChannel } from './letter/adapter.js';
import { mastodonChannel } from './mastodon/adapter.js';
import { phoneChannel } from './phone/adapter.js';
import type { PolledChannel } from './polling.js';
import { reviewImportChannel } from './review-import/adapter.js';
import { rssChannel, rssPoller } from './rss/adapter.js';
import { sandboxChannel } from './sandbox/adapter.js';
import { telegramChannel } from './telegram/adapter.js';
import { trustpilotChannel, trustpilotPoller } from './trustpilot/adapter.js';
import { webchatChannel } from './webchat/adapter.js';
import { whatsappChannel } from './whatsapp/adapter.js';
import { xChannel } from './x/adapter.js';

const adapters = new Map<string, ChannelAdapter>(
  [apiChannel, whatsappChannel, telegramChannel, webchatChannel, emailChannel, facebookChannel, instagramChannel, xChannel, rssChannel, mastodonChannel, trustpilotChannel, googleReviewsChannel, reviewImportChannel, phoneChannel, letterChannel].map((a) => [a.type, a]),
);

/** Channel types the worker polls (feeds, review portals), each at its own interval. */
export const polledChannels: PolledChannel[] = [rssPoller, trustpilotPoller, googleReviewsPoller];

export function pollerFor(type: string): PolledChannel | null {
  return polledChannels.find((p) => p.type === type) ?? null;
}

export function channelTypes(): string[] {
  return [...adapters.keys()];
}

export function adapterFor(type: string): ChannelAdapter {
  const adapter = adapters.get(type);
  if (!adapter) throw new AppError('invalid', `Unknown channel type "${type}". Known types: ${channelTypes().join(', ')}.`, { field: 'type' });
  return adapter;
}

/** The adapter that sends for a channel: sandbox channels (the demo's) never reach a provider. */
export function senderFor(channel: { type: string; settings: Record<string, unknown> }): ChannelAdapter {
  return channel.settings.sandbox === true ? sandboxChannel : adapterFor(channel.type);
}

/** What the settings screen needs to offer a channel type: its fields, which are secret, what it can do. */
export interface ChannelTypeInfo {
  type: string;
  /** JSON Schema of the settings a request may send. */
  settings: unknown;
  secrets: string[];
  generatedSecrets: string[];
  receivesWebhooks: boolean;
  registersWebhook: boolean;
}

export function describeChannelTypes(): ChannelTypeInfo[] {
  return [...adapters.values()].map((a) => ({
    type: a.type,
    settings: z.toJSONSchema(a.settings, { io: 'input', unrepresentable: 'any' }),
    secrets: Object.keys(a.secrets.shape),
    generatedSecrets: Object.keys(a.generateSecrets?.() ?? {}),
    receivesWebhooks: a.webhook !== undefined,
    registersWebhook: a.register !== undefined,
  }));
}
