import { randomBytes } from 'node:crypto';
import type http from 'node:http';
import { type FakeAnswer, type FakeProvider, type FakeRequest, startFakeProvider } from '../fake-provider.js';
import { xSignature } from './adapter.js';

// A contract fake of the X API v2 as documented: POST /2/tweets (replies), POST
// /2/dm_conversations/with/{participant_id}/messages, the filtered stream (GET
// /2/tweets/search/stream, newline-delimited JSON with blank keep-alive lines) and its rules
// (GET/POST /2/tweets/search/stream/rules), bearer-token auth, problem-style error bodies,
// 429 with x-rate-limit-reset; and the Account Activity side — CRC and signed deliveries.

const problem = (status: number, title: string, detail: string, type = 'about:blank'): FakeAnswer => ({ status, body: { title, detail, type, status } });

/** 429 as X answers it, with the epoch second the window resets. */
export function rateLimited(resetInSeconds: number): FakeAnswer {
  return { ...problem(429, 'Too Many Requests', 'Too Many Requests'), headers: { 'x-rate-limit-limit': '100', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(Math.ceil(Date.now() / 1000) + resetInSeconds) } };
}

export interface StreamRule {
  id: string;
  value: string;
  tag?: string;
}

export interface XFake extends FakeProvider {
  rules: StreamRule[];
  /** Posts and direct messages the API accepted, in order. */
  posts: FakeRequest[];
  dms: FakeRequest[];
  /** Open stream connections. */
  streams: Set<http.ServerResponse>;
  /** The next stream connections get these answers instead (429, outages). */
  rejectNextStream(...answers: FakeAnswer[]): void;
  /** Sends a post to every open stream, tagged with the rules it matches; answers how many rules matched. */
  publish(post: { id: string; text: string; authorId: string; username: string; name: string; conversationId?: string }): number;
  keepAlive(): void;
  /** Ends every open stream, as X does on an operational disconnect. */
  disconnect(): void;
}

const newId = () => String(randomBytes(8).readBigUInt64BE() % 10n ** 18n + 10n ** 18n);

/** The terms a rule ORs together and the authors it excludes; enough of X's rule language for Parley's rules. */
function matches(rule: string, text: string, username: string): boolean {
  const excluded = [...rule.matchAll(/-from:(\w+)/g)].map((m) => m[1]?.toLowerCase());
  if (excluded.includes(username.toLowerCase())) return false;
  const group = /^\((.*)\)/.exec(rule)?.[1] ?? rule;
  const terms = group.split(' OR ').map((t) => t.replace(/^"|"$/g, '').toLowerCase());
  return terms.some((t) => text.toLowerCase().includes(t));
}

export async function startXFake(options: { userAccessToken: string; bearerToken: string }): Promise<XFake> {
  const rules: StreamRule[] = [];
  const posts: FakeRequest[] = [];
  const dms: FakeRequest[] = [];
  const streams = new Set<http.ServerResponse>();
  const streamRejections: FakeAnswer[] = [];
  const unauthorized = problem(401, 'Unauthorized', 'Unauthorized');
  const asUser = (req: FakeRequest) => req.headers.authorization === `Bearer ${options.userAccessToken}`;
  const asApp = (req: FakeRequest) => req.headers.authorization === `Bearer ${options.bearerToken}`;
  const textOf = (req: FakeRequest) => (typeof req.json === 'object' && req.json !== null && 'text' in req.json && typeof req.json.text === 'string' ? req.json.text : '');

  function route(req: FakeRequest): FakeAnswer | null {
    if (req.path === '/2/tweets/search/stream/rules') {
      if (!asApp(req)) return unauthorized;
      const sent = new Date().toISOString();
      if (req.method === 'GET') return { status: 200, body: rules.length > 0 ? { data: rules, meta: { sent, result_count: rules.length } } : { meta: { sent, result_count: 0 } } };
      const body = typeof req.json === 'object' && req.json !== null ? req.json : {};
      if ('add' in body && Array.isArray(body.add)) {
        const added = body.add.map((r: { value: string; tag?: string }) => ({ id: newId(), value: r.value, ...(r.tag && { tag: r.tag }) }));
        rules.push(...added);
        return { status: 201, body: { data: added, meta: { sent, summary: { created: added.length, not_created: 0, valid: added.length, invalid: 0 } } } };
      }
      if ('delete' in body && typeof body.delete === 'object' && body.delete !== null && 'ids' in body.delete && Array.isArray(body.delete.ids)) {
        const ids = new Set(body.delete.ids);
        const before = rules.length;
        rules.splice(0, rules.length, ...rules.filter((r) => !ids.has(r.id)));
        return { status: 200, body: { meta: { sent, summary: { deleted: before - rules.length, not_deleted: ids.size - (before - rules.length) } } } };
      }
      return problem(400, 'Invalid Request', 'One or more parameters to your request was invalid.', 'https://api.twitter.com/2/problems/invalid-request');
    }
    if (req.method === 'POST' && req.path === '/2/tweets') {
      if (!asUser(req)) return unauthorized;
      const text = textOf(req);
      if (text.length === 0 || [...text].length > 280) return problem(400, 'Invalid Request', 'One or more parameters to your request was invalid.', 'https://api.twitter.com/2/problems/invalid-request');
      if (posts.some((p) => textOf(p) === text)) return problem(403, 'Forbidden', 'You are not allowed to create a Tweet with duplicate content.');
      posts.push(req);
      const id = newId();
      return { status: 201, body: { data: { id, text, edit_history_tweet_ids: [id] } } };
    }
    const dm = /^\/2\/dm_conversations\/with\/(\d+)\/messages$/.exec(req.path);
    if (req.method === 'POST' && dm) {
      if (!asUser(req)) return unauthorized;
      if (textOf(req).length === 0) return problem(400, 'Invalid Request', 'One or more parameters to your request was invalid.', 'https://api.twitter.com/2/problems/invalid-request');
      dms.push(req);
      return { status: 201, body: { data: { dm_conversation_id: `${dm[1]}-1000`, dm_event_id: newId() } } };
    }
    return null;
  }

  function stream(req: FakeRequest, res: http.ServerResponse): boolean {
    if (req.method !== 'GET' || req.path !== '/2/tweets/search/stream') return false;
    const rejection = streamRejections.shift() ?? (asApp(req) ? null : unauthorized);
    if (rejection) {
      res.writeHead(rejection.status, { 'content-type': 'application/json', ...rejection.headers }).end(JSON.stringify(rejection.body));
      return true;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('\r\n');
    streams.add(res);
    res.on('close', () => streams.delete(res));
    return true;
  }

  const provider = await startFakeProvider(route, stream);
  return {
    ...provider,
    rules,
    posts,
    dms,
    streams,
    rejectNextStream: (...answers) => void streamRejections.push(...answers),
    publish(post) {
      const matched = rules.filter((r) => matches(r.value, post.text, post.username));
      if (matched.length === 0) return 0;
      const line = {
        data: { id: post.id, text: post.text, author_id: post.authorId, conversation_id: post.conversationId ?? post.id, created_at: new Date().toISOString(), edit_history_tweet_ids: [post.id] },
        includes: { users: [{ id: post.authorId, name: post.name, username: post.username }] },
        matching_rules: matched.map((r) => ({ id: r.id, tag: r.tag })),
      };
      for (const s of streams) s.write(`${JSON.stringify(line)}\r\n`);
      return matched.length;
    },
    keepAlive() {
      for (const s of streams) s.write('\r\n');
    },
    disconnect() {
      for (const s of streams) s.end();
    },
  };
}

/** An Account Activity delivery of one direct message to the account. */
export function xDmDelivery(forUserId: string, dm: { id: string; senderId: string; name: string; screenName: string; text: string }): string {
  return JSON.stringify({
    for_user_id: forUserId,
    direct_message_events: [{ type: 'message_create', id: dm.id, created_timestamp: String(Date.now()), message_create: { target: { recipient_id: forUserId }, sender_id: dm.senderId, message_data: { text: dm.text, entities: { hashtags: [], symbols: [], user_mentions: [], urls: [] } } } }],
    users: { [dm.senderId]: { id: dm.senderId, created_timestamp: '1422556069340', name: dm.name, screen_name: dm.screenName, protected: false, verified: false, followers_count: 12, friends_count: 40, statuses_count: 300 } },
  });
}

/** An Account Activity delivery of one post that mentions or answers the account (v1.1 shape). */
export function xMentionDelivery(forUserId: string, post: { id: string; userId: string; name: string; screenName: string; text: string; inReplyTo?: string }): string {
  return JSON.stringify({
    for_user_id: forUserId,
    tweet_create_events: [{
      created_at: new Date().toUTCString(),
      id: Number(post.id),
      id_str: post.id,
      text: post.text,
      truncated: false,
      in_reply_to_status_id_str: post.inReplyTo ?? null,
      user: { id: Number(post.userId), id_str: post.userId, name: post.name, screen_name: post.screenName },
      timestamp_ms: String(Date.now()),
    }],
  });
}

/** The headers X sends with a delivery, signed with the consumer secret. */
export function xDeliveryHeaders(consumerSecret: string, body: string): Record<string, string> {
  return { 'content-type': 'application/json', 'x-twitter-webhooks-signature': xSignature(consumerSecret, body) };
}
