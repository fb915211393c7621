import type { z } from 'zod';
import type { StoredAttachment } from '../db/attachments.js';
import type { ContactDto } from '../db/contacts.js';
import type { ConversationDto } from '../db/conversations.js';
import type { MessageDto } from '../db/messages.js';
import type { InboundMessage } from '../pipeline/inbound.js';

export interface ChannelConfig {
  id: string;
  workspaceId: string;
  type: string;
  name: string;
  settings: Record<string, unknown>;
  secrets: Record<string, string>;
}
import type { Direction } from '../db/schema.js';

export interface OutboundContext {
  channel: Omit<ChannelConfig, 'secrets'>;
  secrets: Record<string, string>;
  conversation: ConversationDto & { threadKey: string | null };
  message: MessageDto;
  contact: ContactDto;
  /** The contact's sender id on this channel, where the channel knows one. */
  recipientId: string | null;
  /** When the customer last wrote in this conversation: messengers only allow free replies for a while after. */
  lastInboundAt: Date | null;
  /** The provider's id of the customer's last message, for channels that reply to a message. */
  lastInboundExternalId: string | null;
  /** Whether addresses on private networks may be called (an on-premises install's own systems). */
  allowPrivateNetworks: boolean;
  /** The conversation's earlier messages that carry a provider id, oldest first (threading). */
  earlier: { direction: Direction; externalId: string }[];
  /** The files the message carries, with their contents. */
  files: StoredAttachment[];
  /** A key of the adapter's own for one purpose, derived from the install's secret key. */
  deriveKey(purpose: string): Buffer;
}

export interface SendResult {
  externalId?: string;
}

/** A provider's HTTP call to `/webhooks/{type}/{channelId}`, body untouched so signatures can be checked. */
export interface WebhookRequest {
  method: 'GET' | 'POST';
  query: Record<string, string | undefined>;
  headers: Record<string, string | undefined>;
  rawBody: Buffer;
}

/** A provider's report on a message Parley sent. */
export interface DeliveryReport {
  externalId: string;
  status: 'sent' | 'delivered' | 'failed';
  error?: string;
}

/** A file a provider delivered with a message, fetched by the adapter; stored with the message. */
export interface DeliveredFile {
  filename: string | null;
  contentType: string | null;
  content: Uint8Array;
}

/** What the server lends an adapter while it reads a webhook. */
export interface WebhookEnv {
  allowPrivateNetworks: boolean;
}

export type WebhookOutcome =
  /** A handshake the provider expects an exact answer to (a verification challenge). */
  | { kind: 'answer'; status: number; contentType: string; body: string }
  /** Messages to store and delivery reports to apply; the provider gets 200 once they are committed. */
  | { kind: 'events'; messages: (InboundMessage & { files?: DeliveredFile[] })[]; reports: DeliveryReport[] };

/**
 * One per channel type. Sending throws AppError: `unavailable` and `rate_limited` are retried
 * with backoff (details.retryAfterMs honoured), every other code fails the message at once.
 */
export interface ChannelAdapter {
  type: string;
  settings: z.ZodType<Record<string, unknown>>;
  /** Every secret the channel may hold. Secrets given inside `settings` on creation are moved here. */
  secrets: z.ZodObject<Record<string, z.ZodType<string | undefined>>>;
  /** Secrets Parley creates itself; shown once in the creation response. */
  generateSecrets?(): Record<string, string>;
  send(ctx: OutboundContext): Promise<SendResult>;
  /**
   * Verifies and reads a provider's webhook call. Throws AppError `unauthorized` when the
   * request is not provably from the provider; nothing is stored then.
   */
  webhook?(req: WebhookRequest, channel: ChannelConfig, env: WebhookEnv): WebhookOutcome | Promise<WebhookOutcome>;
  /** Tells the provider where to deliver, for providers that take the address through their API. */
  register?(channel: ChannelConfig, webhookUrl: string, allowPrivateNetworks: boolean): Promise<void>;
}
