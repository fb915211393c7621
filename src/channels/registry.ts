import { AppError } from '../domain/errors.js';
import type { ChannelAdapter } from './adapter.js';
import { apiChannel } from './api/adapter.js';
import { facebookChannel } from './facebook/adapter.js';
import { instagramChannel } from './instagram/adapter.js';
import { whatsappChannel } from './whatsapp/adapter.js';
import { xChannel } from './x/adapter.js';
import { sandboxChannel } from './sandbox/adapter.js';

const adapters = new Map<string, ChannelAdapter>([apiChannel, whatsappChannel, facebookChannel, instagramChannel, xChannel].map((a) => [a.type, a]));

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
