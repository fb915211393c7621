import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import type { InboundMessage } from '../../pipeline/inbound.js';
import type { DeliveryReport } from '../adapter.js';

// One `entry[].messaging[]` item of a Messenger Platform webhook, as Facebook Pages and
// Instagram deliver it. Unknown fields are ignored (Meta adds them); the ones read are checked.

const MessagingEvent = z.object({
  sender: z.object({ id: z.string().min(1).max(128) }),
  recipient: z.object({ id: z.string().min(1).max(128) }),
  timestamp: z.number().int().nonnegative().optional(),
  message: z
    .object({
      mid: z.string().min(1).max(512),
      text: z.string().max(100_000).optional(),
      is_echo: z.boolean().optional(),
      is_deleted: z.boolean().optional(),
      attachments: z.array(z.object({ type: z.string().max(40), payload: z.object({ url: z.string().optional(), title: z.string().optional() }).nullish() })).optional(),
    })
    .optional(),
  delivery: z.object({ mids: z.array(z.string()).optional() }).optional(),
});

/** The envelope of every Page and Instagram delivery: entries per account, each with messages and changes. */
export function metaEnvelope<O extends string>(object: O) {
  return z.object({
    object: z.literal(object),
    entry: z.array(
      z.object({
        id: z.string(),
        time: z.number().optional(),
        messaging: z.array(z.unknown()).optional(),
        changes: z.array(z.object({ field: z.string(), value: z.unknown() })).optional(),
      }),
    ),
  });
}

export interface MetaEvents {
  messages: InboundMessage[];
  reports: DeliveryReport[];
}

/** What an agent reads for a message without text: its attachments by kind. */
function textOf(message: { text?: string | undefined; attachments?: { type: string }[] | undefined }): string {
  if (message.text && message.text.trim().length > 0) return message.text;
  const kinds = (message.attachments ?? []).map((a) => `[${a.type}]`);
  return kinds.length > 0 ? kinds.join(' ') : '[message]';
}

/** A part of a delivery that does not have the shape Meta documents: the delivery is refused whole. */
export function malformed(what: string, error: z.ZodError): AppError {
  const issue = error.issues[0];
  return new AppError('invalid', `Malformed ${what}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim());
}

/** A public comment as a message of its thread, or nothing when the account wrote it itself. */
export function commentMessage(c: { id: string; fromId: string; name: string | undefined; text: string | undefined; threadKey: string; sentAt: Date | undefined }, ownId: string): InboundMessage | null {
  // The account's own comments are its replies (Parley's among them), not customers'.
  if (c.fromId === ownId) return null;
  return {
    externalId: c.id,
    from: { id: c.fromId, ...(c.name && { name: c.name }) },
    text: c.text && c.text.trim().length > 0 ? c.text : '[attachment]',
    visibility: 'public',
    threadKey: c.threadKey,
    ...(c.sentAt && { sentAt: c.sentAt }),
  };
}

/** Meta stamps some entries in seconds and others in milliseconds. */
export function metaTime(value: number | undefined): Date | undefined {
  if (value === undefined || !Number.isFinite(value) || value <= 0) return undefined;
  return new Date(value < 1e12 ? value * 1000 : value);
}

/**
 * Reads the direct messages and delivery receipts of one entry. The account's own messages
 * (echoes of what Parley or someone else sent from it) are skipped: they are not the customer's.
 */
export function readMessagingEvents(items: unknown[], ownId: string, into: MetaEvents): void {
  for (const item of items) {
    const parsed = MessagingEvent.safeParse(item);
    if (!parsed.success) throw malformed('messaging event', parsed.error);
    const e = parsed.data;
    for (const mid of e.delivery?.mids ?? []) into.reports.push({ externalId: mid, status: 'delivered' });
    const m = e.message;
    if (!m || m.is_echo || m.is_deleted || e.sender.id === ownId) continue;
    const sentAt = metaTime(e.timestamp);
    into.messages.push({ externalId: m.mid, from: { id: e.sender.id }, text: textOf(m), visibility: 'private', ...(sentAt && { sentAt }) });
  }
}
