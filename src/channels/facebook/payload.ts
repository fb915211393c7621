import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import { type MetaEvents, metaTime, readMessagingEvents } from '../meta/messaging-payload.js';

// The Facebook Page webhook body (object "page"): Messenger messages under `messaging`, page
// feed changes under `changes`. Of the feed, only new comments are customers' messages.

export const PageWebhook = z.object({
  object: z.literal('page'),
  entry: z.array(
    z.object({
      id: z.string(),
      time: z.number().optional(),
      messaging: z.array(z.unknown()).optional(),
      changes: z.array(z.object({ field: z.string(), value: z.unknown() })).optional(),
    }),
  ),
});

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
      if (!comment.success) {
        const issue = comment.error.issues[0];
        throw new AppError('invalid', `Malformed comment: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim());
      }
      const c = comment.data;
      // The Page's own comments are its replies (Parley's among them), not customers'.
      if (c.from.id === pageId) continue;
      const sentAt = metaTime(c.created_time);
      events.messages.push({
        externalId: c.comment_id,
        from: { id: c.from.id, ...(c.from.name && { name: c.from.name }) },
        text: c.message && c.message.trim().length > 0 ? c.message : '[attachment]',
        visibility: 'public',
        threadKey: commentThread(c),
        ...(sentAt && { sentAt }),
      });
    }
  }
  return events;
}
