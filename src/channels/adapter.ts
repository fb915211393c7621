import type { z } from 'zod';
import type { StoredAttachment } from '../db/attachments.js';
import type { ContactDto } from '../db/contacts.js';
import type { ConversationDto } from '../db/conversations.js';
import type { MessageDto } from '../db/messages.js';
import type { Direction } from '../db/schema.js';

export interface OutboundContext {
  channel: { id: string; workspaceId: string; type: string; name: string; settings: Record<string, unknown> };
  secrets: Record<string, string>;
  conversation: ConversationDto & { threadKey: string | null };
  message: MessageDto;
  contact: ContactDto;
  /** The contact's sender id on this channel, where the channel knows one. */
  recipientId: string | null;
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

/**
 * One per channel type. Sending throws AppError: `unavailable` and `rate_limited` are retried
 * with backoff (details.retryAfterMs honoured), every other code fails the message at once.
 */
export interface ChannelAdapter {
  type: string;
  settings: z.ZodType<Record<string, unknown>>;
  secrets: z.ZodType<Record<string, string>>;
  /** Settings keys that are secrets: given in settings, stored with the encrypted secrets. */
  secretSettings?: readonly string[];
  /** Secrets Parley creates itself; shown once in the creation response. */
  generateSecrets?(): Record<string, string>;
  send(ctx: OutboundContext): Promise<SendResult>;
}
