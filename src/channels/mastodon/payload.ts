import { z } from 'zod';
import type { InboundMessage } from '../../pipeline/inbound.js';
import { htmlToText } from '../../security/sanitize.js';

// Mastodon's REST entities as they arrive on the streaming API: `update` carries a Status,
// `notification` a Notification (only mentions are conversation material).

export const Account = z.object({ id: z.string(), acct: z.string().min(1).max(400), username: z.string().optional(), display_name: z.string().optional(), url: z.string().optional() });

const StatusBase = z.object({
  id: z.string().min(1).max(100),
  created_at: z.string(),
  in_reply_to_id: z.string().nullable().optional(),
  visibility: z.enum(['public', 'unlisted', 'private', 'direct']),
  spoiler_text: z.string().optional(),
  content: z.string().max(1_000_000),
  url: z.string().nullable().optional(),
  account: Account,
});

export const Status = StatusBase.extend({ reblog: StatusBase.nullable().optional() });
export type Status = z.infer<typeof Status>;

export const Notification = z.object({ id: z.string(), type: z.string(), account: Account, status: Status.nullable().optional() });

/** The status an `update` or `notification` event is about, or null for anything else. */
export function statusOfEvent(event: string, data: unknown): Status | null {
  if (event === 'update') {
    const parsed = Status.safeParse(data);
    return parsed.success ? parsed.data : null;
  }
  if (event === 'notification') {
    const parsed = Notification.safeParse(data);
    return parsed.success && parsed.data.type === 'mention' ? (parsed.data.status ?? null) : null;
  }
  return null;
}

/**
 * A status as a message. The sender's id is their `acct` (`name` or `name@instance`), because
 * that is what a reply has to mention. Mastodon names only a status's parent, not its thread's
 * root, so the thread key is the parent (or the status itself when it starts a thread); the
 * stream looks the parent up first, so a reply to a stored status joins that status's thread.
 * Boosts are skipped: they repeat someone else's post.
 */
export function messageFromStatus(status: Status, threadKey?: string): InboundMessage | null {
  if (status.reblog) return null;
  const html = status.content;
  const text = htmlToText(html.replace(/<br\s*\/?>/gi, '\n').replace(/<\/p>\s*<p>/gi, '</p>\n\n<p>'));
  const sentAt = new Date(status.created_at);
  return {
    externalId: status.id,
    from: { id: status.account.acct, name: (status.account.display_name || status.account.acct).slice(0, 256) },
    text: text || (status.url ?? '(empty post)'),
    html,
    ...(status.spoiler_text && { subject: status.spoiler_text.slice(0, 998) }),
    threadKey: threadKey ?? status.in_reply_to_id ?? status.id,
    ...(!Number.isNaN(sentAt.getTime()) && { sentAt }),
    visibility: status.visibility === 'public' || status.visibility === 'unlisted' ? 'public' : 'private',
  };
}
