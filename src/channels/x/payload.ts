import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import type { InboundMessage } from '../../pipeline/inbound.js';

// What X delivers: Account Activity webhook bodies (direct messages and posts that mention or
// answer the account, in the v1.1 shapes) and filtered-stream lines (v2 posts).
//
// Threads: a public post belongs to its X conversation (`conversation_id`, the id of the post
// that started the thread), which the filtered stream carries. Account Activity's posts carry no
// conversation id; there the thread is the post answered, or the post itself. The stream usually
// delivers the same post first, and a post is stored only once.

const DmEvent = z.object({
  type: z.string(),
  id: z.string().min(1).max(64),
  created_timestamp: z.string().regex(/^\d{1,15}$/).optional(),
  message_create: z
    .object({
      sender_id: z.string().regex(/^\d{1,20}$/),
      message_data: z.object({ text: z.string().max(100_000) }),
    })
    .optional(),
});

const Tweet = z.object({
  id_str: z.string().regex(/^\d{1,20}$/),
  text: z.string().max(100_000).optional(),
  full_text: z.string().max(100_000).optional(),
  extended_tweet: z.object({ full_text: z.string().max(100_000) }).optional(),
  user: z.object({ id_str: z.string().regex(/^\d{1,20}$/), name: z.string().max(256).optional(), screen_name: z.string().max(64).optional() }),
  in_reply_to_status_id_str: z.string().nullish(),
  timestamp_ms: z.string().regex(/^\d{1,15}$/).optional(),
  retweeted_status: z.unknown().optional(),
});

const AccountActivity = z.object({
  for_user_id: z.string().regex(/^\d{1,20}$/),
  direct_message_events: z.array(z.unknown()).optional(),
  tweet_create_events: z.array(z.unknown()).optional(),
  users: z.record(z.string(), z.object({ name: z.string().max(256).optional(), screen_name: z.string().max(64).optional() })).optional(),
});

function malformed(what: string, error: z.ZodError): AppError {
  const issue = error.issues[0];
  return new AppError('invalid', `Malformed ${what}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim());
}

const displayName = (name: string | undefined, handle: string | undefined) => (name && handle ? `${name} (@${handle})` : name ?? (handle ? `@${handle}` : undefined));

/**
 * Reads an Account Activity delivery for the account `userId`. The account's own messages and
 * posts (Parley's replies among them) and reposts are skipped; deliveries for another account
 * are not this channel's.
 */
export function readAccountActivity(body: unknown, userId: string): InboundMessage[] {
  const parsed = AccountActivity.safeParse(body);
  if (!parsed.success) throw new AppError('invalid', 'Not an X Account Activity body.');
  const activity = parsed.data;
  if (activity.for_user_id !== userId) return [];
  const messages: InboundMessage[] = [];
  for (const raw of activity.direct_message_events ?? []) {
    const dm = DmEvent.safeParse(raw);
    if (!dm.success) throw malformed('direct message event', dm.error);
    const create = dm.data.message_create;
    if (dm.data.type !== 'message_create' || !create || create.sender_id === userId) continue;
    const user = activity.users?.[create.sender_id];
    const name = displayName(user?.name, user?.screen_name);
    messages.push({
      externalId: dm.data.id,
      from: { id: create.sender_id, ...(name && { name }) },
      text: create.message_data.text.trim().length > 0 ? create.message_data.text : '[attachment]',
      visibility: 'private',
      ...(dm.data.created_timestamp && { sentAt: new Date(Number(dm.data.created_timestamp)) }),
    });
  }
  for (const raw of activity.tweet_create_events ?? []) {
    const tweet = Tweet.safeParse(raw);
    if (!tweet.success) throw malformed('post', tweet.error);
    const t = tweet.data;
    if (t.user.id_str === userId || t.retweeted_status !== undefined) continue;
    const name = displayName(t.user.name, t.user.screen_name);
    messages.push({
      externalId: t.id_str,
      from: { id: t.user.id_str, ...(name && { name }) },
      text: t.extended_tweet?.full_text ?? t.full_text ?? t.text ?? '',
      visibility: 'public',
      threadKey: t.in_reply_to_status_id_str ?? t.id_str,
      ...(t.timestamp_ms && { sentAt: new Date(Number(t.timestamp_ms)) }),
    });
  }
  return messages;
}

const StreamLine = z.object({
  data: z.object({
    id: z.string().regex(/^\d{1,20}$/),
    text: z.string().max(100_000),
    author_id: z.string().regex(/^\d{1,20}$/),
    conversation_id: z.string().regex(/^\d{1,20}$/).optional(),
    created_at: z.iso.datetime({ offset: true }).optional(),
  }),
  includes: z.object({ users: z.array(z.object({ id: z.string(), name: z.string().max(256).optional(), username: z.string().max(64).optional() })).optional() }).optional(),
  matching_rules: z.array(z.object({ id: z.string(), tag: z.string().optional() })).default([]),
});

export interface StreamedPost {
  message: InboundMessage;
  /** The tags of the rules the post matched: they tell which channels it is for. */
  tags: string[];
}

/** Reads one line of the filtered stream: a post with the rules it matched. */
export function readStreamLine(json: unknown): StreamedPost {
  const parsed = StreamLine.safeParse(json);
  if (!parsed.success) throw malformed('stream post', parsed.error);
  const { data, includes, matching_rules } = parsed.data;
  const author = includes?.users?.find((u) => u.id === data.author_id);
  const name = displayName(author?.name, author?.username);
  return {
    message: {
      externalId: data.id,
      from: { id: data.author_id, ...(name && { name }) },
      text: data.text,
      visibility: 'public',
      threadKey: data.conversation_id ?? data.id,
      ...(data.created_at && { sentAt: new Date(data.created_at) }),
    },
    tags: matching_rules.flatMap((r) => (r.tag ? [r.tag] : [])),
  };
}
