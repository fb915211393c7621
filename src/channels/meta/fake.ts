import { randomBytes } from 'node:crypto';
import type { FakeAnswer, FakeProvider, FakeRequest } from '../fake-provider.js';
import { HUMAN_AGENT_WINDOW_MS, STANDARD_WINDOW_MS } from './messaging.js';
import { metaSignature } from './webhook.js';

// The parts of Meta's Graph API that WhatsApp, Facebook and Instagram fakes share: Graph error
// bodies, signed webhook deliveries, and the Messenger Platform's Send API
// (POST /{version}/me/messages) with its messaging windows and private replies.

export function graphError(status: number, code: number, message: string, details?: string, subcode?: number): FakeAnswer {
  return {
    status,
    body: { error: { message: `(#${code}) ${message}`, type: 'OAuthException', code, ...(subcode !== undefined && { error_subcode: subcode }), ...(details && { error_data: { details } }), fbtrace_id: randomBytes(8).toString('hex') } },
  };
}

/** The headers Meta sends with a delivery, signed with the app secret. */
export function metaDeliveryHeaders(appSecret: string, body: string): Record<string, string> {
  return { 'content-type': 'application/json', 'x-hub-signature-256': metaSignature(appSecret, body) };
}

/** A business-use-case limit hit, with Meta's estimate (minutes) of when access returns. */
export function businessUseCaseLimit(code: 80001 | 80002 | 80006, minutes: number): FakeAnswer {
  const answer = graphError(400, code, 'There have been too many calls for this account. Wait a bit and try again.');
  const type = code === 80002 ? 'instagram' : code === 80006 ? 'messenger' : 'pages';
  return { ...answer, headers: { 'x-business-use-case-usage': JSON.stringify({ '102290129340398': [{ type, call_count: 100, total_cputime: 40, total_time: 50, estimated_time_to_regain_access: minutes }] }) } };
}

/** What a Send API fake knows about its customers, so it can enforce Meta's rules as Meta would. */
export interface MessengerState {
  accessToken: string;
  /** The most text one message may carry (Messenger 2000, Instagram 1000). */
  maxText: number;
  /** When each customer (by id) last wrote to the account. */
  lastCustomerMessage: Map<string, Date>;
  /** Comments the account received: id → author. */
  comments: Map<string, { from: string; at: Date }>;
  /** Comments already answered privately: Meta allows one private reply per comment. */
  privatelyAnswered: Set<string>;
  /** Messages the Send API accepted, in order. */
  sent: FakeRequest[];
}

/** A Facebook or Instagram fake: the Send API's state and the public replies posted. */
export interface MessengerFake extends FakeProvider {
  state: MessengerState;
  /** Public replies the account posted under comments, in order. */
  commentReplies: FakeRequest[];
}

export function newMessengerState(accessToken: string, maxText: number): MessengerState {
  return { accessToken, maxText, lastCustomerMessage: new Map(), comments: new Map(), privatelyAnswered: new Set(), sent: [] };
}

const record = (v: unknown): Record<string, unknown> | null => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null);

export function checkToken(req: FakeRequest, accessToken: string): FakeAnswer | null {
  const given = req.headers.authorization === `Bearer ${accessToken}` || req.query.get('access_token') === accessToken;
  return given ? null : graphError(401, 190, 'Invalid OAuth access token - Cannot parse access token');
}

/** `POST /{version}/me/messages`: a direct message to a customer, or a private reply to a comment. */
export function messengerSend(req: FakeRequest, state: MessengerState): FakeAnswer | null {
  if (req.method !== 'POST' || !/^\/v\d+\.\d\/me\/messages$/.test(req.path)) return null;
  const denied = checkToken(req, state.accessToken);
  if (denied) return denied;
  const body = record(req.json);
  const recipient = record(body?.recipient);
  const message = record(body?.message);
  const text = message?.text;
  if (!body || !recipient || !message) return graphError(400, 100, 'Invalid parameter', 'recipient and message are required.');
  if (typeof text !== 'string' || text.length === 0) return graphError(400, 100, 'Invalid parameter', 'message.text must not be empty.');
  if (text.length > state.maxText) return graphError(400, 100, `Length of param message[text] must be less than or equal to ${state.maxText}`);
  const now = Date.now();
  let customer: string;
  if (typeof recipient.comment_id === 'string') {
    const comment = state.comments.get(recipient.comment_id);
    if (!comment) return graphError(400, 100, 'Invalid parameter', `Unknown comment ${recipient.comment_id}.`);
    if (state.privatelyAnswered.has(recipient.comment_id)) return graphError(400, 10900, 'Activity already replied to');
    if (now - comment.at.getTime() > 7 * 24 * 3600_000) return graphError(400, 10903, 'This activity can not be replied to', 'Private replies are possible within 7 days of the comment.');
    state.privatelyAnswered.add(recipient.comment_id);
    customer = comment.from;
  } else if (typeof recipient.id === 'string') {
    customer = recipient.id;
    const last = state.lastCustomerMessage.get(customer);
    if (!last) return graphError(400, 100, 'No matching user found', undefined, 2018001);
    const age = now - last.getTime();
    const type = body.messaging_type;
    if (type !== 'RESPONSE' && type !== 'MESSAGE_TAG') return graphError(400, 100, 'Invalid parameter', 'messaging_type must be RESPONSE, UPDATE or MESSAGE_TAG.');
    const window = type === 'RESPONSE' ? STANDARD_WINDOW_MS : body.tag === 'HUMAN_AGENT' ? HUMAN_AGENT_WINDOW_MS : 0;
    if (age >= window) return graphError(400, 10, 'This message is sent outside of allowed window.', undefined, 2018278);
  } else {
    return graphError(400, 100, 'Invalid parameter', 'recipient needs an id or a comment_id.');
  }
  state.sent.push(req);
  return { status: 200, body: { recipient_id: customer, message_id: `m_${randomBytes(16).toString('hex')}` } };
}

/**
 * `POST /{version}/{comment-id}/{edge}` with `{ message }`: a public reply under a comment.
 * `accepts` tells which comments the platform lets the account answer there.
 */
export function commentReplyRoute(req: FakeRequest, state: MessengerState, edge: 'comments' | 'replies', accepts: (commentId: string) => FakeAnswer | null, replies: FakeRequest[], newId: () => string): FakeAnswer | null {
  const match = new RegExp(`^/v\\d+\\.\\d/([\\w-]+)/${edge}$`).exec(req.path);
  if (req.method !== 'POST' || !match) return null;
  const denied = checkToken(req, state.accessToken);
  if (denied) return denied;
  const refused = accepts(match[1] ?? '');
  if (refused) return refused;
  const message = record(req.json)?.message;
  if (typeof message !== 'string' || message.trim().length === 0) return graphError(400, 100, 'Invalid parameter', 'message must not be empty.');
  replies.push(req);
  return { status: 200, body: { id: newId() } };
}
