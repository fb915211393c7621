import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import type { ChannelAdapter, OutboundContext, SendResult } from '../adapter.js';
import { webhookJson } from '../json.js';
import { type GraphTarget, GraphSettings } from './graph.js';
import { sendMetaReply } from './messaging.js';
import type { MetaEvents } from './messaging-payload.js';
import { assertMetaSignature, metaVerification } from './webhook.js';

/** What sets a Messenger Platform channel (a Facebook Page, an Instagram account) apart from the other. */
export interface MessengerChannelDefinition {
  type: string;
  /** The channel's name for people: "Facebook", "Instagram". */
  label: string;
  /** The setting holding the account's own id: entries for it are read, its own messages skipped. */
  accountSetting: string;
  accountHint: string;
  /** The secret holding the token the Graph API is called with. */
  tokenSecret: string;
  read(body: unknown, accountId: string): MetaEvents;
  publicReply(ctx: OutboundContext, target: GraphTarget, commentId: string): Promise<SendResult>;
}

export function messengerChannel(def: MessengerChannelDefinition): ChannelAdapter {
  const settings = z.object({ [def.accountSetting]: z.string().regex(/^\d{1,32}$/, def.accountHint), ...GraphSettings }).strict();
  const read = (raw: Record<string, unknown>) => {
    // The schema has just checked the account id; its computed key is invisible to the type.
    const { apiBaseUrl, apiVersion } = settings.parse(raw);
    return { accountId: String(raw[def.accountSetting]), apiBaseUrl, apiVersion };
  };
  return {
    type: def.type,
    settings,
    secrets: z.object({ appSecret: z.string().min(8).max(512), verifyToken: z.string().min(8).max(512), [def.tokenSecret]: z.string().min(8).max(4096) }).strict(),
    webhook(req, channel) {
      if (req.method === 'GET') return metaVerification(req, channel.secrets.verifyToken);
      assertMetaSignature(req, channel.secrets.appSecret);
      return { kind: 'events', ...def.read(webhookJson(req), read(channel.settings).accountId) };
    },
    async send(ctx) {
      const s = read(ctx.channel.settings);
      const token = ctx.secrets[def.tokenSecret];
      if (!token) throw new AppError('unauthorized', `This ${def.label} channel has no access token; add one in the channel settings.`);
      const target = { apiBaseUrl: s.apiBaseUrl, apiVersion: s.apiVersion, token, allowPrivateNetworks: ctx.allowPrivateNetworks };
      return sendMetaReply(ctx, target, (commentId) => def.publicReply(ctx, target, commentId));
    },
  };
}

/** Graph answers a created comment or reply with its id. */
export const CreatedAnswer = z.object({ id: z.string().min(1) });
