import http from 'node:http';
import { type FakeAnswer, type FakeRequest, isRecord, readFakeRequest } from '../fake-provider.js';

// A contract fake of a Mastodon instance as documented: bearer-token REST calls, the streaming
// API as server-sent events (`event: update` / `event: notification`, `:thump` heartbeats),
// POST /api/v1/statuses with its 500-character limit, Idempotency-Key and 429 with
// X-RateLimit-Reset.

export interface MastodonFake {
  url: string;
  calls: FakeRequest[];
  /** Statuses posted through the API. */
  posted: FakeRequest[];
  /** Open streaming connections, by path with query (`/api/v1/streaming/hashtag?tag=x`). */
  streams(): string[];
  /** Sends an event to every open stream on the path. */
  emit(path: string, event: 'update' | 'notification' | 'delete', payload: unknown): void;
  /** Drops every open stream, as an instance restart does. */
  dropStreams(): void;
  failNext(...answers: FakeAnswer[]): void;
  close(): Promise<void>;
}

export const FAKE_OWN_ACCOUNT = { id: '1', username: 'support', acct: 'support', display_name: 'Support', url: 'https://social.example/@support' };

export function rateLimited(resetInSeconds: number): FakeAnswer {
  return { status: 429, body: { error: 'Too many requests' }, headers: { 'x-ratelimit-limit': '300', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': new Date(Date.now() + resetInSeconds * 1000).toISOString() } };
}

export async function startMastodonFake(accessToken: string): Promise<MastodonFake> {
  const calls: FakeRequest[] = [];
  const posted: FakeRequest[] = [];
  const failures: FakeAnswer[] = [];
  const open = new Map<http.ServerResponse, string>();
  const byIdempotencyKey = new Map<string, unknown>();
  let nextId = 1000;

  const answer = (res: http.ServerResponse, a: FakeAnswer) => res.writeHead(a.status, { 'content-type': 'application/json', ...a.headers }).end(JSON.stringify(a.body));

  function route(call: FakeRequest, res: http.ServerResponse): FakeAnswer | null {
    if (call.headers.authorization !== `Bearer ${accessToken}`) return { status: 401, body: { error: 'The access token is invalid' } };
    if (call.method === 'GET' && call.path === '/api/v1/accounts/verify_credentials') return { status: 200, body: FAKE_OWN_ACCOUNT };
    if (call.method === 'GET' && (call.path === '/api/v1/streaming/user/notification' || call.path === '/api/v1/streaming/hashtag')) {
      if (call.path.endsWith('/hashtag') && !call.query.get('tag')) return { status: 400, body: { error: 'No tag for stream provided' } };
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
      res.write(':)\n');
      const query = call.query.toString();
      open.set(res, query ? `${call.path}?${query}` : call.path);
      res.on('close', () => open.delete(res));
      return null;
    }
    if (call.method === 'POST' && call.path === '/api/v1/statuses') {
      const body = isRecord(call.json) ? call.json : {};
      const key = call.headers['idempotency-key'];
      if (typeof key === 'string' && byIdempotencyKey.has(key)) return { status: 200, body: byIdempotencyKey.get(key) };
      if (typeof body.status !== 'string' || body.status.trim() === '') return { status: 422, body: { error: "Validation failed: Text can't be blank" } };
      if ([...body.status].length > 500) return { status: 422, body: { error: 'Validation failed: Text character limit of 500 exceeded' } };
      if (body.visibility !== undefined && !['public', 'unlisted', 'private', 'direct'].includes(String(body.visibility))) return { status: 422, body: { error: 'Validation failed: Visibility is not included in the list' } };
      posted.push(call);
      const status = {
        id: String(++nextId),
        created_at: new Date().toISOString(),
        in_reply_to_id: typeof body.in_reply_to_id === 'string' ? body.in_reply_to_id : null,
        visibility: body.visibility ?? 'public',
        content: `<p>${body.status}</p>`,
        account: FAKE_OWN_ACCOUNT,
      };
      if (typeof key === 'string') byIdempotencyKey.set(key, status);
      return { status: 200, body: status };
    }
    return { status: 404, body: { error: 'Record not found' } };
  }

  const server = http.createServer((req, res) => {
    readFakeRequest(req, (call) => {
      calls.push(call);
      const failure = failures.shift();
      if (failure) return answer(res, failure);
      const result = route(call, res);
      if (result) answer(res, result);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const heartbeat = setInterval(() => {
    for (const res of open.keys()) res.write(':thump\n');
  }, 1_000);
  heartbeat.unref();
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    posted,
    streams: () => [...open.values()],
    emit(path, event, payload) {
      const data = typeof payload === 'string' ? payload : JSON.stringify(payload);
      for (const [res, p] of open) if (p === path) res.write(`event: ${event}\ndata: ${data}\n\n`);
    },
    dropStreams() {
      for (const res of open.keys()) res.destroy();
      open.clear();
    },
    failNext: (...answers) => void failures.push(...answers),
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(heartbeat);
        for (const res of open.keys()) res.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A status as the instance streams it. */
export function mastodonStatus(s: { id: string; acct: string; name: string; html: string; visibility?: 'public' | 'unlisted' | 'private' | 'direct'; inReplyToId?: string; accountId?: string }): Record<string, unknown> {
  return {
    id: s.id,
    created_at: new Date().toISOString(),
    in_reply_to_id: s.inReplyToId ?? null,
    visibility: s.visibility ?? 'public',
    spoiler_text: '',
    content: s.html,
    url: `https://social.example/@${s.acct}/${s.id}`,
    reblog: null,
    account: { id: s.accountId ?? `acc-${s.acct}`, username: s.acct.split('@')[0], acct: s.acct, display_name: s.name, url: `https://social.example/@${s.acct}` },
  };
}
