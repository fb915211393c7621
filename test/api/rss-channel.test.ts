import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FeedServer, startFeedServer } from '../../src/channels/rss/fake.js';
import { backends } from '../support/backends.js';
import { api, createTenant, openStream, startTestParley, type Tenant, type TestParley } from '../support/parley.js';

const backend = backends()[0];

const item = (n: number, author: string, text: string) => `
    <item>
      <title>Beitrag ${n}</title>
      <link>https://forum.example.de/t/versand/${n}#p1</link>
      <guid isPermaLink="false">post-${n}</guid>
      <dc:creator>${author}</dc:creator>
      <pubDate>Mon, 02 Mar 2026 10:0${n}:00 GMT</pubDate>
      <description>&lt;p&gt;${text}&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;</description>
    </item>`;
const rss = (...items: string[]) => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Kundenforum</title><link>https://forum.example.de/</link>${items.join('')}
</channel></rss>`;

type Conv = { id: string; subject: string | null; visibility: string; messages: { id: string; externalId: string; text: string; html: string | null; visibility: string }[]; contact: { name: string } };

describe('RSS/Atom feed channel', () => {
  let p: TestParley;
  let t: Tenant;
  let feed: FeedServer;
  let channelId: string;

  async function conversations(): Promise<Conv[]> {
    const list = await api<{ items: { id: string }[] }>(p, 'GET', '/api/v1/conversations?limit=100', t.token);
    return Promise.all(list.body.items.map(async (c) => (await api<Conv>(p, 'GET', `/api/v1/conversations/${c.id}`, t.token)).body));
  }

  beforeAll(async () => {
    if (!backend) throw new Error('no backend');
    p = await startTestParley(backend);
    t = await createTenant(p);
    feed = await startFeedServer(rss(item(2, 'Eva', 'Wo bleibt mein Paket?'), item(1, 'Jonas', 'Versand dauert ewig')));
  });
  afterAll(async () => {
    await feed.close();
    await p.drop();
  });

  it('refuses a feed address that is not http(s)', async () => {
    const res = await api<{ error: { code: string; message: string } }>(p, 'POST', '/api/v1/channels', t.token, { type: 'rss', name: 'Bad', settings: { feedUrl: 'file:///etc/passwd' } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/feedUrl/);
  });

  it('polls a new feed within one worker tick and stores each entry as a public conversation with its link', async () => {
    const res = await api<{ id: string; settings: Record<string, unknown> }>(p, 'POST', '/api/v1/channels', t.token, { type: 'rss', name: 'Forum', settings: { feedUrl: feed.url } });
    expect(res.status).toBe(201);
    expect(res.body.settings).toEqual({ feedUrl: feed.url, pollMinutes: 15 });
    channelId = res.body.id;
    const deadline = Date.now() + 15_000;
    let convs: Conv[] = [];
    while (convs.length < 2 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 300));
      convs = await conversations();
    }
    expect(convs.map((c) => c.subject).sort()).toEqual(['Beitrag 1', 'Beitrag 2']);
    const eva = convs.find((c) => c.subject === 'Beitrag 2')!;
    expect(eva.visibility).toBe('public');
    expect(eva.contact.name).toBe('Eva');
    expect(eva.messages).toHaveLength(1);
    expect(eva.messages[0]).toMatchObject({ externalId: 'post-2', visibility: 'public', text: 'Wo bleibt mein Paket?\n\nhttps://forum.example.de/t/versand/2#p1' });
    expect(eva.messages[0]?.html).toContain('href="https://forum.example.de/t/versand/2#p1"');
    expect(eva.messages[0]?.html).not.toContain('script');
    const status = await api<{ polledAt: string | null; lastError: string | null }>(p, 'GET', `/api/v1/channels/${channelId}/poll`, t.token);
    expect(status.body.polledAt).not.toBeNull();
    expect(status.body.lastError).toBeNull();
  });

  it('asks with the stored ETag and stores nothing on 304; a new entry is stored once', async () => {
    const cursors = await p.db.selectFrom('channelCursors').select(['key', 'value']).where('channelId', '=', channelId).execute();
    const etag = cursors.find((c) => c.key === 'etag')?.value;
    expect(etag).toMatch(/^"[0-9a-f]{40}"$/);
    expect(cursors.find((c) => c.key === 'lastModified')?.value).toBe(new Date(Date.UTC(2026, 0, 1, 0, 0, 1)).toUTCString());

    expect((await api(p, 'POST', `/api/v1/channels/${channelId}/poll`, t.token)).body).toEqual({ stored: 0 });
    expect(feed.requests.at(-1)).toEqual({ ifNoneMatch: etag, ifModifiedSince: new Date(Date.UTC(2026, 0, 1, 0, 0, 1)).toUTCString(), status: 304 });

    feed.publish(rss(item(3, 'Eva', 'Paket ist da, danke!'), item(2, 'Eva', 'Wo bleibt mein Paket?'), item(1, 'Jonas', 'Versand dauert ewig')));
    expect((await api(p, 'POST', `/api/v1/channels/${channelId}/poll`, t.token)).body).toEqual({ stored: 1 });
    expect(feed.requests.at(-1)?.status).toBe(200);
    expect((await api(p, 'POST', `/api/v1/channels/${channelId}/poll`, t.token)).body).toEqual({ stored: 0 });
    const convs = await conversations();
    expect(convs).toHaveLength(3);
    expect(convs.flatMap((c) => c.messages.map((m) => m.externalId)).sort()).toEqual(['post-1', 'post-2', 'post-3']);
    // Polling is for admins, like the channel's other settings.
    expect((await api(p, 'POST', `/api/v1/channels/${channelId}/poll`, t.tokens.agent)).status).toBe(403);
  });

  it('reports a broken feed clearly and stores nothing from it', async () => {
    feed.publish('<html><body>Wartungsarbeiten</body></html>', 'text/html');
    const res = await api<{ error: { code: string; message: string } }>(p, 'POST', `/api/v1/channels/${channelId}/poll`, t.token);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/not an RSS or Atom feed/);
    expect((await api<{ lastError: string }>(p, 'GET', `/api/v1/channels/${channelId}/poll`, t.token)).body.lastError).toMatch(/not an RSS or Atom feed/);
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><rss><channel><item><guid>x</guid><title>&lol2;</title></item></channel></rss>`;
    feed.publish(bomb);
    expect((await api(p, 'POST', `/api/v1/channels/${channelId}/poll`, t.token)).status).toBe(400);
    expect(await conversations()).toHaveLength(3);
  });

  it('fails a reply with a link-out error instead of sending it anywhere', async () => {
    const conv = (await conversations()).find((c) => c.subject === 'Beitrag 3')!;
    const stream = await openStream(p, t.token);
    const reply = await api<{ id: string }>(p, 'POST', `/api/v1/conversations/${conv.id}/messages`, t.tokens.agent, { text: 'Schön, dass es geklappt hat!', type: 'reply' });
    expect(reply.status).toBe(201);
    const failed = await stream.waitFor((e) => e.type === 'message.updated' && e.data.id === reply.body.id && e.data.deliveryStatus === 'failed', 10_000);
    expect(String(failed.data.deliveryError)).toMatch(/link out.*https:\/\/forum\.example\.de\/t\/versand\/3/);
    stream.close();
  });

  it('is not polled on request when it is not a polled channel type', async () => {
    const api_ = await api<{ id: string }>(p, 'POST', '/api/v1/channels', t.token, { type: 'api', name: 'API' });
    expect((await api(p, 'POST', `/api/v1/channels/${api_.body.id}/poll`, t.token)).status).toBe(400);
  });
});
