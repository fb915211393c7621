import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import { commentMessage, malformed, metaEnvelope, type MetaEvents, metaTime, readMessagingEvents } from '../meta/messaging-payload.js';

// The Facebook Page webhook body (object "page"): Messenger messages under `messaging`, page
// feed changes under `changes`. Of the feed, only new comments are customers' messages.

export const PageWebhook = metaEnvelope('page');

const FeedChange = z.object({ item: z.string().optional(), verb: z.string().optional() });

const CommentValue = z.object({
  item: z.literal('comment'),
  verb: z.literal('add'),
  comment_id: z.string().min(1).max(256),
  post_id: z.string().min(1).max(256),
  parent_id: z.string().max(256).optional(),
  from: z.object({ id: z.string().min(1).max(128), name: z.string().max(256).optional() }),
  message: z.string().max(100_000).optional(),
  created_time: z.number().int().nonnegative().optional(),
});

/**
 * A comment thread is its top-level comment: a reply to a comment (parent is not the post)
 * joins the thread of the comment it answers, so one customer's question and what follows
 * under it are one conversation, while other comments on the same post are conversations of their own.
 */
export function commentThread(c: { comment_id: string; post_id: string; parent_id?: string | undefined }): string {
  return c.parent_id && c.parent_id !== c.post_id ? c.parent_id : c.comment_id;
}

/** Reads the messages meant for one Page; entries for other Pages of the same app are left to their channels. */
export function readPageWebhook(body: unknown, pageId: string): MetaEvents {
  const parsed = PageWebhook.safeParse(body);
  if (!parsed.success) throw new AppError('invalid', 'Not a Facebook Page webhook body.');
  const events: MetaEvents = { messages: [], reports: [] };
  for (const entry of parsed.data.entry) {
    if (entry.id !== pageId) continue;
    readMessagingEvents(entry.messaging ?? [], pageId, events);
    for (const change of entry.changes ?? []) {
      if (change.field !== 'feed') continue;
      const kind = FeedChange.safeParse(change.value);
      if (!kind.success || kind.data.item !== 'comment' || kind.data.verb !== 'add') continue;
      const comment = CommentValue.safeParse(change.value);
      if (!comment.success) throw malformed('comment', comment.error);
      const c = comment.data;
      const message = commentMessage({ id: c.comment_id, fromId: c.from.id, name: c.from.name, text: c.message, threadKey: commentThread(c), sentAt: metaTime(c.created_time) }, pageId);
      if (message) events.messages.push(message);
    }
  }
  return events;
}
