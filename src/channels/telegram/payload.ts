import { z } from 'zod';
import type { InboundMessage } from '../../pipeline/inbound.js';

// Telegram Bot API `Update` objects, as delivered to a webhook or returned by getUpdates. Only
// new messages are conversation material; edits, callbacks and member changes are skipped.

const User = z.object({ id: z.number().int(), is_bot: z.boolean().optional(), first_name: z.string(), last_name: z.string().optional(), username: z.string().optional(), language_code: z.string().optional() });
const Chat = z.object({ id: z.number().int(), type: z.enum(['private', 'group', 'supergroup', 'channel']), title: z.string().optional() });
const File = z.object({ file_id: z.string(), file_name: z.string().optional(), mime_type: z.string().optional() });

const TgMessage = z.object({
  message_id: z.number().int(),
  from: User.optional(),
  chat: Chat,
  date: z.number().int(),
  text: z.string().optional(),
  caption: z.string().optional(),
  photo: z.array(z.object({ file_id: z.string() })).optional(),
  document: File.optional(),
  voice: z.object({ file_id: z.string() }).optional(),
  sticker: z.object({ emoji: z.string().optional() }).optional(),
  location: z.object({ latitude: z.number(), longitude: z.number() }).optional(),
  contact: z.object({ phone_number: z.string(), first_name: z.string(), user_id: z.number().int().optional() }).optional(),
});

export const TelegramUpdate = z.object({ update_id: z.number().int(), message: TgMessage.optional() });
export type TelegramUpdate = z.infer<typeof TelegramUpdate>;

function textOf(m: z.infer<typeof TgMessage>): string {
  if (m.text) return m.text;
  if (m.caption) return m.caption;
  if (m.photo) return '[photo]';
  if (m.document) return `[document${m.document.file_name ? `: ${m.document.file_name}` : ''}]`;
  if (m.voice) return '[voice message]';
  if (m.sticker) return m.sticker.emoji ?? '[sticker]';
  if (m.location) return `📍 (${m.location.latitude}, ${m.location.longitude})`;
  if (m.contact) return `[contact: ${m.contact.first_name} ${m.contact.phone_number}]`;
  return '[message]';
}

/** The chat a reply goes to is kept in the thread key for groups, and is the sender for private chats. */
export const GROUP_THREAD_PREFIX = 'chat:';

/** Turns an update into a message, or null for updates that are not a new message. */
export function messageFromUpdate(update: TelegramUpdate): InboundMessage | null {
  const m = update.message;
  if (!m || m.from?.is_bot) return null;
  const sender = m.from ?? { id: m.chat.id, first_name: m.chat.title ?? 'Telegram' };
  const name = [sender.first_name, 'last_name' in sender ? sender.last_name : undefined].filter(Boolean).join(' ');
  // A contact card the customer shares about themselves gives their phone, which links them to other channels.
  const ownPhone = m.contact && m.contact.user_id === sender.id ? m.contact.phone_number : undefined;
  const priv = m.chat.type === 'private';
  return {
    externalId: `${m.chat.id}:${m.message_id}`,
    from: { id: String(sender.id), name, ...(ownPhone && { phone: ownPhone.startsWith('+') ? ownPhone : `+${ownPhone}` }) },
    text: textOf(m),
    sentAt: new Date(m.date * 1000),
    visibility: priv ? 'private' : 'public',
    ...(!priv && { threadKey: `${GROUP_THREAD_PREFIX}${m.chat.id}` }),
  };
}
