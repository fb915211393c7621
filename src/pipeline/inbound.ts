import { z } from 'zod';
import type { AttachmentMeta, MessageMeta, Visibility } from '../db/schema.js';

/** What every channel adapter turns its provider's payload into. */
export interface InboundMessage {
  externalId: string;
  from: { id: string; name?: string; email?: string; phone?: string };
  text: string;
  html?: string;
  subject?: string;
  threadKey?: string;
  sentAt?: Date;
  visibility?: Visibility;
  attachments?: AttachmentMeta[];
  /** Stars (1–5), for reviews. */
  rating?: number;
  meta?: MessageMeta;
  /** The language the provider states (a review portal's own field), which beats detection. */
  language?: string;
}

const trimmed = (max: number) => z.string().trim().min(1).max(max);

export const InboundBody = z
  .object({
    externalId: trimmed(512),
    from: z
      .object({
        id: trimmed(512),
        name: z.string().trim().max(256).optional(),
        email: z.email().max(320).optional(),
        phone: z.string().trim().regex(/^\+?[0-9 ()./-]{3,32}$/, 'a phone number of digits, spaces and + ( ) - . /').optional(),
      })
      .strict(),
    text: z.string().max(100_000),
    html: z.string().max(1_000_000).optional(),
    subject: z.string().trim().max(998).optional(),
    threadKey: trimmed(512).optional(),
    sentAt: z.iso.datetime({ offset: true }).optional(),
    visibility: z.enum(['public', 'private']).optional(),
  })
  .strict()
  .refine((b) => b.text.trim().length > 0 || (b.html ?? '').trim().length > 0, {
    message: 'text or html must not be empty',
    path: ['text'],
  });

export type InboundBodyInput = z.infer<typeof InboundBody>;

export function inboundFromBody(body: InboundBodyInput): InboundMessage {
  return {
    externalId: body.externalId,
    from: body.from,
    text: body.text,
    ...(body.html !== undefined && { html: body.html }),
    ...(body.subject !== undefined && { subject: body.subject }),
    ...(body.threadKey !== undefined && { threadKey: body.threadKey }),
    ...(body.sentAt !== undefined && { sentAt: new Date(body.sentAt) }),
    ...(body.visibility !== undefined && { visibility: body.visibility }),
  };
}
