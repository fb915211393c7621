import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import type { InboundMessage } from '../../pipeline/inbound.js';
import type { DeliveryReport } from '../adapter.js';

// The WhatsApp Cloud API webhook body (object "whatsapp_business_account"). Meta adds fields
// over time, so unknown ones are ignored; the ones read here are checked.

const Media = z.object({ id: z.string(), mime_type: z.string().optional(), caption: z.string().optional(), filename: z.string().optional() });

const WaMessage = z.object({
  from: z.string().regex(/^\d{4,20}$/),
  id: z.string().min(1).max(512),
  timestamp: z.string().regex(/^\d{1,12}$/),
  type: z.string(),
  text: z.object({ body: z.string() }).optional(),
  image: Media.optional(),
  document: Media.optional(),
  audio: Media.optional(),
  video: Media.optional(),
  sticker: Media.optional(),
  location: z.object({ latitude: z.number(), longitude: z.number(), name: z.string().optional(), address: z.string().optional() }).optional(),
  button: z.object({ text: z.string() }).optional(),
  interactive: z
    .object({ button_reply: z.object({ title: z.string() }).optional(), list_reply: z.object({ title: z.string() }).optional() })
    .optional(),
  reaction: z.object({ emoji: z.string().optional() }).optional(),
});

const WaStatus = z.object({
  id: z.string().min(1),
  status: z.string(),
  errors: z.array(z.object({ code: z.number().optional(), title: z.string().optional(), message: z.string().optional() })).optional(),
});

const Value = z.object({
  messaging_product: z.literal('whatsapp'),
  metadata: z.object({ phone_number_id: z.string() }),
  contacts: z.array(z.object({ wa_id: z.string(), profile: z.object({ name: z.string() }).optional() })).optional(),
  messages: z.array(WaMessage).optional(),
  statuses: z.array(WaStatus).optional(),
});

export const WhatsAppWebhook = z.object({
  object: z.literal('whatsapp_business_account'),
  entry: z.array(z.object({ id: z.string(), changes: z.array(z.object({ field: z.string(), value: z.unknown() })) })),
});

export type WaMessage = z.infer<typeof WaMessage>;

export interface WhatsAppMedia {
  id: string;
  mimeType: string | null;
  filename: string | null;
}

export interface WhatsAppEvents {
  messages: (InboundMessage & { media?: WhatsAppMedia })[];
  reports: DeliveryReport[];
}


const MEDIA_TYPES = ['image', 'document', 'audio', 'video', 'sticker'] as const;

function mediaOf(m: WaMessage): WhatsAppMedia | null {
  for (const type of MEDIA_TYPES) {
    const media = m[type];
    if (media) return { id: media.id, mimeType: media.mime_type ?? null, filename: media.filename ?? null };
  }
  return null;
}

/** A readable text for every message type, so an agent sees what arrived even without media. */
function textOf(m: WaMessage): string {
  if (m.text) return m.text.body;
  if (m.button) return m.button.text;
  if (m.interactive?.button_reply) return m.interactive.button_reply.title;
  if (m.interactive?.list_reply) return m.interactive.list_reply.title;
  if (m.location) {
    const place = [m.location.name, m.location.address].filter(Boolean).join(', ');
    return `📍 ${place ? `${place} ` : ''}(${m.location.latitude}, ${m.location.longitude})`;
  }
  for (const type of MEDIA_TYPES) {
    const media = m[type];
    if (media) return media.caption ?? `[${type}${media.filename ? `: ${media.filename}` : ''}]`;
  }
  return `[${m.type}]`;
}

/**
 * Reads the messages and status reports meant for one phone number. Changes for other numbers
 * of the same business account belong to their own channels and are left to them.
 */
export function readWhatsAppWebhook(body: unknown, phoneNumberId: string): WhatsAppEvents {
  const parsed = WhatsAppWebhook.safeParse(body);
  if (!parsed.success) throw new AppError('invalid', 'Not a WhatsApp Business Account webhook body.');
  const events: WhatsAppEvents = { messages: [], reports: [] };
  for (const change of parsed.data.entry.flatMap((e) => e.changes)) {
    if (change.field !== 'messages') continue;
    const value = Value.safeParse(change.value);
    if (!value.success) throw new AppError('invalid', `Malformed messages change: ${value.error.issues[0]?.path.join('.') ?? ''} ${value.error.issues[0]?.message ?? ''}`.trim());
    if (value.data.metadata.phone_number_id !== phoneNumberId) continue;
    const names = new Map((value.data.contacts ?? []).map((c) => [c.wa_id, c.profile?.name]));
    for (const m of value.data.messages ?? []) {
      // Reactions change no conversation; they are not messages to answer.
      if (m.type === 'reaction') continue;
      const name = names.get(m.from);
      const media = mediaOf(m);
      events.messages.push({
        ...(media && { media }),
        externalId: m.id,
        from: { id: m.from, phone: `+${m.from}`, ...(name && { name }) },
        text: textOf(m),
        sentAt: new Date(Number(m.timestamp) * 1000),
        visibility: 'private',
      });
    }
    for (const s of value.data.statuses ?? []) {
      if (s.status === 'sent' || s.status === 'delivered' || s.status === 'read') {
        events.reports.push({ externalId: s.id, status: s.status === 'sent' ? 'sent' : 'delivered' });
      } else if (s.status === 'failed') {
        const e = s.errors?.[0];
        events.reports.push({ externalId: s.id, status: 'failed', error: e ? `${e.title ?? e.message ?? 'failed'}${e.code ? ` [${e.code}]` : ''}` : 'failed' });
      }
    }
  }
  return events;
}
