import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import type { OutboundContext, SendResult } from '../adapter.js';
import { type GraphTarget, postGraph } from './graph.js';

// The Messenger Platform, which Facebook Pages and Instagram professional accounts share:
// direct messages, private replies to comments, and the windows Meta allows them in.

/** Free replies ("RESPONSE") are allowed this long after the customer's last message. */
export const STANDARD_WINDOW_MS = 24 * 3600_000;
/** With the HUMAN_AGENT tag a person may still answer this long after. */
export const HUMAN_AGENT_WINDOW_MS = 7 * 24 * 3600_000;
/** A comment can be answered privately this long after it was written, once. */
export const PRIVATE_REPLY_WINDOW_MS = 7 * 24 * 3600_000;

const SendAnswer = z.object({ message_id: z.string().min(1) });

/** The body of a direct message, tagged as a human agent's answer once the standard window has closed. */
export function directMessageBody(recipientId: string, text: string, lastInboundAt: Date | null, now: number): Record<string, unknown> {
  const age = lastInboundAt === null ? Infinity : now - lastInboundAt.getTime();
  if (age < STANDARD_WINDOW_MS) return { recipient: { id: recipientId }, messaging_type: 'RESPONSE', message: { text } };
  if (age < HUMAN_AGENT_WINDOW_MS) return { recipient: { id: recipientId }, messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT', message: { text } };
  throw new AppError('invalid', 'The customer last wrote more than 7 days ago; Meta allows no message until they write again.');
}

/** The body of a private reply: a direct message sent in answer to a public comment. */
export function privateReplyBody(commentId: string, text: string, commentAt: Date | null, now: number): Record<string, unknown> {
  if (commentAt === null || now - commentAt.getTime() >= PRIVATE_REPLY_WINDOW_MS) {
    throw new AppError('invalid', 'The comment is more than 7 days old; Meta allows a private reply only within 7 days.');
  }
  return { recipient: { comment_id: commentId }, message: { text } };
}

/**
 * Sends an agent's reply the way its conversation asks: in a comment thread a public reply
 * (`publicReply`), or a private reply when the agent chose `visibility: "private"`; in a direct
 * conversation a message within Meta's windows.
 */
export async function sendMetaReply(ctx: OutboundContext, target: GraphTarget, publicReply: (commentId: string) => Promise<SendResult>): Promise<SendResult> {
  const text = ctx.message.text;
  if (ctx.conversation.visibility === 'public') {
    const commentId = ctx.lastInboundExternalId;
    if (!commentId) throw new AppError('invalid', 'This public conversation has no comment to reply to.');
    if (ctx.message.visibility === 'public') return publicReply(commentId);
    const answer = await postGraph(target, 'me/messages', privateReplyBody(commentId, text, ctx.lastInboundAt, Date.now()), SendAnswer);
    return { externalId: answer.message_id };
  }
  if (ctx.message.visibility === 'public') throw new AppError('invalid', 'A private conversation cannot be answered publicly.');
  if (!ctx.recipientId) throw new AppError('invalid', 'The contact has no id on this channel to message.');
  const answer = await postGraph(target, 'me/messages', directMessageBody(ctx.recipientId, text, ctx.lastInboundAt, Date.now()), SendAnswer);
  return { externalId: answer.message_id };
}
