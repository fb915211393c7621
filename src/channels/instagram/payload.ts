import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import { commentMessage, malformed, metaEnvelope, type MetaEvents, metaTime, readMessagingEvents } from '../meta/messaging-payload.js';

// The Instagram webhook body (object "instagram"): direct messages under `messaging`, comments
// on the account's media under `changes` with field "comments".

export const InstagramWebhook = metaEnvelope('instagram');

const CommentValue = z.object({
  id: z.string().min(1).max(256),
  text: z.string().max(100_000).optional(),
  parent_id: z.string().max(256).optional(),
  from: z.object({ id: z.string().min(1).max(128), username: z.string().max(256).optional() }),
  media: z.object({ id: z.string().min(1).max(256) }),
});

/**
 * Instagram threads go one level deep: a reply belongs to its top-level comment, which is
 * also what Instagram lets the account reply to. That comment is the conversation.
 */
export function instagramThread(c: { id: string; parent_id?: string | undefined }): string {
  return c.parent_id ?? c.id;
}

/** Reads the messages meant for one Instagram account; entries for other accounts are left to their channels. */
export function readInstagramWebhook(body: unknown, accountId: string): MetaEvents {
  const parsed = InstagramWebhook.safeParse(body);
  if (!parsed.success) throw new AppError('invalid', 'Not an Instagram webhook body.');
  const events: MetaEvents = { messages: [], reports: [] };
  for (const entry of parsed.data.entry) {
    if (entry.id !== accountId) continue;
    readMessagingEvents(entry.messaging ?? [], accountId, events);
    for (const change of entry.changes ?? []) {
      if (change.field !== 'comments') continue;
      const comment = CommentValue.safeParse(change.value);
      if (!comment.success) throw malformed('comment', comment.error);
      const c = comment.data;
      const name = c.from.username ? `@${c.from.username}` : undefined;
      const message = commentMessage({ id: c.id, fromId: c.from.id, name, text: c.text, threadKey: instagramThread(c), sentAt: metaTime(entry.time) }, accountId);
      if (message) events.messages.push(message);
    }
  }
  return events;
}
