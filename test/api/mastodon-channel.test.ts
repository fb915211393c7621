import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_OWN_ACCOUNT, type MastodonFake, mastodonStatus, rateLimited, startMastodonFake } from '../../src/channels/mastodon/fake.js';
import { backends } from '../support/backends.js';
import { api, createTenant, openStream, startTestParley, type Tenant, type TestParley } from '../support/parley.js';

const backend = backends()[0];
const TOKEN = 'mastodon-access-token-0123456789';
const MENTIONS = '/api/v1/streaming/user/notification';
const HASHTAG = '/api/v1/streaming/hashtag?tag=parley';

type Msg = { id: string; externalId: string | null; direction: string; visibility: string; deliveryStatus: string | null; text: string };
type Conv = { id: string; visibility: string; messages: Msg[]; contact: { name: string } };

async function until<T>(probe: () => Promise<T | null> | T | null, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('Mastodon channel', () => {
  let p: TestParley;
  let t: Tenant;
  let fake: MastodonFake;

  async function conversationWith(externalId: string): Promise<Conv | null> {
    const list = await api<{ items: { id: string }[] }>(p, 'GET', '/api/v1/conversations?limit=100', t.token);
    for (const c of list.body.items) {
      const conv = await api<Conv>(p, 'GET', `/api/v1/conversations/${c.id}`, t.token);
      if (conv.body.messages.some((m) => m.externalId === externalId)) return conv.body;
    }
    return null;
  }
  const messageCount = async () => Number((await p.db.selectFrom('messages').select((eb) => eb.fn.countAll<string>().as('n')).where('workspaceId', '=', t.workspaceId).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    if (!backend) throw new Error('no backend');
    p = await startTestParley(backend);
    t = await createTenant(p);
    fake = await startMastodonFake(TOKEN);
  });
  afterAll(async () => {
    await fake.close();
    await p.drop();
  });

  it('is created with its token sealed and opens the mention and hashtag streams', async () => {
    const res = await api<{ settings: Record<string, unknown>; secretsSet: string[] }>(p, 'POST', '/api/v1/channels', t.token, { type: 'mastodon', name: 'Mastodon', settings: { instanceUrl: fake.url, hashtags: ['#parley'], accessToken: TOKEN } });
    expect(res.status).toBe(201);
    expect(res.body.settings).toEqual({ instanceUrl: fake.url, hashtags: ['parley'] });
    expect(res.body.secretsSet).toEqual(['accessToken']);
    expect(JSON.stringify(res.body)).not.toContain(TOKEN);
    await until(() => (fake.streams().includes(MENTIONS) && fake.streams().includes(HASHTAG) ? true : null));
    expect(fake.calls.find((c) => c.path === MENTIONS.split('?')[0])?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    const bad = await api(p, 'POST', '/api/v1/channels', t.token, { type: 'mastodon', name: 'Bad', settings: { instanceUrl: fake.url, hashtags: ['no spaces'], accessToken: TOKEN } });
    expect(bad.status).toBe(400);
  });

  it('stores a mention once, however many streams deliver it, and skips its own posts', async () => {
    const status = mastodonStatus({ id: '5001', acct: 'eva@social.example', name: 'Eva Roth', html: '<p><span class="h-card"><a href="https://x">@support</a></span> Mein Paket ist kaputt angekommen #parley</p>' });
    fake.emit(MENTIONS, 'notification', { id: 'n1', type: 'mention', created_at: new Date().toISOString(), account: status.account, status });
    fake.emit(HASHTAG, 'update', status);
    fake.emit(HASHTAG, 'update', mastodonStatus({ id: '5002', acct: FAKE_OWN_ACCOUNT.acct, accountId: FAKE_OWN_ACCOUNT.id, name: 'Support', html: 'Wir helfen gern #parley' }));
    fake.emit(HASHTAG, 'update', 'not json');
    const conv = await until(() => conversationWith('5001'));
    expect(conv.visibility).toBe('public');
    expect(conv.contact.name).toBe('Eva Roth');
    expect(conv.messages[0]?.text).toBe('@support Mein Paket ist kaputt angekommen #parley');
    await new Promise((r) => setTimeout(r, 500));
    expect(await messageCount()).toBe(1);
  });

  it('replies in the thread with the mention Mastodon needs, and the answer to the reply joins the thread', async () => {
    const conv = (await conversationWith('5001'))!;
    const stream = await openStream(p, t.token);
    const reply = await api<{ id: string }>(p, 'POST', `/api/v1/conversations/${conv.id}/messages`, t.tokens.agent, { text: 'Das tut uns leid! Schreib uns bitte deine Bestellnummer.', type: 'reply' });
    const sent = await stream.waitFor((e) => e.type === 'message.updated' && e.data.id === reply.body.id && e.data.deliveryStatus === 'sent', 10_000);
    expect(fake.posted.at(-1)?.json).toEqual({ status: '@eva@social.example Das tut uns leid! Schreib uns bitte deine Bestellnummer.', in_reply_to_id: '5001', visibility: 'public' });
    expect(fake.posted.at(-1)?.headers['idempotency-key']).toBe(reply.body.id);
    const ourStatus = String(sent.data.externalId);
    stream.close();

    fake.emit(MENTIONS, 'notification', { id: 'n3', type: 'mention', account: { id: 'acc-eva', acct: 'eva@social.example' }, status: mastodonStatus({ id: '5003', acct: 'eva@social.example', name: 'Eva Roth', html: '<p>@support 4711</p>', inReplyToId: ourStatus }) });
    await until(async () => ((await conversationWith('5003'))?.id === conv.id ? true : null));
  });

  it('keeps a direct message private and answers it directly, waiting out a 429 until X-RateLimit-Reset', async () => {
    fake.emit(MENTIONS, 'notification', { id: 'n4', type: 'mention', account: { id: 'acc-ben', acct: 'ben' }, status: mastodonStatus({ id: '6001', acct: 'ben', name: 'Ben', html: '<p>@support meine Adresse ist …</p>', visibility: 'direct' }) });
    const conv = await until(() => conversationWith('6001'));
    expect(conv.visibility).toBe('private');
    const stream = await openStream(p, t.token);
    fake.failNext(rateLimited(1));
    const reply = await api<{ id: string }>(p, 'POST', `/api/v1/conversations/${conv.id}/messages`, t.tokens.agent, { text: 'Danke, Ben!', type: 'reply' });
    const retried = await stream.waitFor((e) => e.type === 'message.updated' && e.data.id === reply.body.id && e.data.deliveryStatus === 'queued', 10_000);
    expect(String(retried.data.deliveryError)).toMatch(/rate limit/);
    await stream.waitFor((e) => e.type === 'message.updated' && e.data.id === reply.body.id && e.data.deliveryStatus === 'sent', 15_000);
    expect(fake.posted.at(-1)?.json).toEqual({ status: '@ben Danke, Ben!', in_reply_to_id: '6001', visibility: 'direct' });
    stream.close();
  }, 30_000);

  it('fails a reply Mastodon rejects with its reason', async () => {
    const conv = (await conversationWith('6001'))!;
    const stream = await openStream(p, t.token);
    const reply = await api<{ id: string }>(p, 'POST', `/api/v1/conversations/${conv.id}/messages`, t.tokens.agent, { text: 'x'.repeat(600), type: 'reply' });
    const failed = await stream.waitFor((e) => e.type === 'message.updated' && e.data.id === reply.body.id && e.data.deliveryStatus === 'failed', 10_000);
    expect(String(failed.data.deliveryError)).toMatch(/character limit of 500/);
    stream.close();
  });

  it('reconnects after the instance drops its streams', async () => {
    fake.dropStreams();
    await until(() => (fake.streams().includes(MENTIONS) ? true : null));
    fake.emit(MENTIONS, 'notification', { id: 'n5', type: 'mention', account: { id: 'acc-ida', acct: 'ida' }, status: mastodonStatus({ id: '7001', acct: 'ida', name: 'Ida', html: 'Noch da?' }) });
    await until(() => conversationWith('7001'));
  });

  it('closes the streams of a disabled channel', async () => {
    const list = await api<{ items: { id: string; type: string }[] }>(p, 'GET', '/api/v1/channels', t.token);
    const id = list.body.items.find((c) => c.type === 'mastodon')!.id;
    expect((await api(p, 'PATCH', `/api/v1/channels/${id}`, t.token, { disabled: true })).status).toBe(200);
    await until(() => (fake.streams().length === 0 ? true : null));
  });
});
