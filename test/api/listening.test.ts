import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifyListeningAlerts } from '../../src/pipeline/alert-notifications.js';
import { detectListeningAlerts } from '../../src/pipeline/listening-alerts.js';
import { createSecretBox, loadSecretKey } from '../../src/security/secret-box.js';
import { backends } from '../support/backends.js';
import { api, createTenant, openStream, startTestParley, type Tenant, type TestParley } from '../support/parley.js';
import { startCapturingSmtp } from '../support/smtp-capture.js';
import { startWebhookReceiver } from '../support/webhook-receiver.js';

const backend = backends()[0];
type Problem = { error: { code: string; details?: { position?: number; reason?: string } } };

describe('social listening through the API', () => {
  let p: TestParley;
  let t: Tenant;
  let other: Tenant;
  let queryId: string;
  beforeAll(async () => {
    if (!backend) throw new Error('no backend');
    p = await startTestParley(backend);
    t = await createTenant(p);
    other = await createTenant(p);
  });
  afterAll(async () => p.drop());

  it('saves a valid query and points at the error of a broken one', async () => {
    const bad = await api<Problem>(p, 'POST', '/api/v1/listening/queries', t.token, { name: 'Kaputt', query: 'Nordlicht AND (Lieferung' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details?.position).toBeGreaterThan(10);
    const saved = await api<{ id: string }>(p, 'POST', '/api/v1/listening/queries', t.tokens.agent, { name: 'Lieferärger', query: 'Nordlicht AND Lieferung~ NOT Gewinnspiel', labels: ['Lieferung'] });
    expect(saved.status).toBe(201);
    queryId = saved.body.id;
  });

  it('tests a query against sample posts before saving it', async () => {
    const res = await api<{ items: { matched: boolean }[] }>(p, 'POST', '/api/v1/listening/queries/test', t.token, {
      query: 'Nordlicht AND Lieferung~',
      samples: [{ text: 'Die Nordlicht Paketlieferungen sind eine Katastrophe' }, { text: 'Nordlicht ist toll' }],
    });
    expect(res.body.items.map((i) => i.matched)).toEqual([true, false]);
  });

  it('turns matching public posts into mentions, once, and keeps other workspaces out', async () => {
    const post = { source: 'x', externalId: 'tweet-1', text: 'Seit zwei Wochen warte ich auf meine Lieferung von @Nordlicht 😡 #Nordlicht', author: 'kunde_hh', reach: 1200 };
    const first = await api<{ matched: string[]; mentionId: string | null }>(p, 'POST', '/api/v1/listening/posts', t.token, post);
    expect(first.status).toBe(201);
    expect(first.body.matched).toEqual([queryId]);
    const again = await api<{ mentionId: string | null }>(p, 'POST', '/api/v1/listening/posts', t.token, post);
    expect(again.status).toBe(200);
    const giveaway = await api<{ matched: string[] }>(p, 'POST', '/api/v1/listening/posts', t.token, { source: 'x', externalId: 'tweet-2', text: 'Nordlicht Gewinnspiel: Lieferung gratis!' });
    expect(giveaway.body.matched).toEqual([]);
    const mentions = await api<{ items: { text: string; sentiment: string; reach: number; queryIds: string[] }[] }>(p, 'GET', `/api/v1/listening/mentions?queryId=${queryId}`, t.tokens.viewer);
    expect(mentions.body.items).toHaveLength(1);
    expect(mentions.body.items[0]).toMatchObject({ sentiment: 'negative', reach: 1200, queryIds: [queryId] });
    const theirs = await api<{ items: unknown[] }>(p, 'GET', '/api/v1/listening/mentions', other.token);
    expect(theirs.body.items).toHaveLength(0);
    expect((await api(p, 'DELETE', `/api/v1/listening/queries/${queryId}`, other.token)).status).toBe(404);
  });

  it('turns a mention into a public conversation for proactive outreach, once, on the author\'s timeline', async () => {
    const channel = await api<{ id: string }>(p, 'POST', '/api/v1/channels', t.token, { type: 'api', name: 'Social desk' });
    const post = { source: 'mastodon', externalId: 'toot-99', text: 'Hat jemand Erfahrung mit der Nordlicht Lieferung nach Österreich?', author: 'reisende@social.example', url: 'https://social.example/@reisende/99' };
    const { body } = await api<{ mentionId: string }>(p, 'POST', '/api/v1/listening/posts', t.token, post);
    const first = await api<{ conversationId: string; messageId: string }>(p, 'POST', `/api/v1/listening/mentions/${body.mentionId}/conversation`, t.tokens.agent, { channelId: channel.body.id });
    expect(first.status).toBe(201);
    const conv = await api<{ visibility: string; contactId: string; messages: { text: string; visibility: string; externalId: string }[] }>(p, 'GET', `/api/v1/conversations/${first.body.conversationId}`, t.token);
    expect(conv.body.visibility).toBe('public');
    expect(conv.body.messages[0]).toMatchObject({ externalId: 'toot-99', visibility: 'public', text: `${post.text}\n\n${post.url}` });
    const again = await api<{ conversationId: string }>(p, 'POST', `/api/v1/listening/mentions/${body.mentionId}/conversation`, t.tokens.agent, { channelId: channel.body.id });
    expect(again).toMatchObject({ status: 200, body: { conversationId: first.body.conversationId } });
    const timeline = await api<{ items: { id: string }[] }>(p, 'GET', `/api/v1/listening/mentions?contactId=${conv.body.contactId}`, t.token);
    expect(timeline.body.items.map((m) => m.id)).toEqual([body.mentionId]);
    expect((await api(p, 'POST', `/api/v1/listening/mentions/${body.mentionId}/conversation`, other.token, { channelId: channel.body.id })).status).toBe(404);
    expect((await api(p, 'POST', `/api/v1/listening/mentions/${body.mentionId}/conversation`, t.tokens.viewer, { channelId: channel.body.id })).status).toBe(403);
  });

  it('charts what a query heard: mentions and negative ones per hour, its alerts, top authors and terms', async () => {
    const q = await api<{ id: string }>(p, 'POST', '/api/v1/listening/queries', t.token, { name: 'Akku', query: 'Nordlicht AND Akku' });
    const posts = [
      { author: 'technikfan', reach: 5000, text: 'Der Nordlicht Akku ist nach zwei Wochen kaputt' },
      { author: 'technikfan', reach: 5000, text: 'Immer noch kein Ersatz für den Nordlicht Akku, kaputt' },
      { author: 'leise', reach: 10, text: 'Nordlicht Akku hält super lange' },
    ];
    for (const [i, post] of posts.entries()) await api(p, 'POST', '/api/v1/listening/posts', t.token, { source: 'x', externalId: `akku-${i}`, ...post });
    const stats = await api<{ buckets: { total: number; negative: number }[]; topAuthors: { author: string; mentions: number }[]; topTerms: { term: string; count: number }[] }>(p, 'GET', `/api/v1/listening/queries/${q.body.id}/stats?hours=24`, t.tokens.viewer);
    expect(stats.status).toBe(200);
    expect(stats.body.buckets).toHaveLength(24);
    expect(stats.body.buckets.at(-1)?.total).toBe(3);
    expect(stats.body.buckets.reduce((n, b) => n + b.negative, 0)).toBeGreaterThanOrEqual(1);
    expect(stats.body.topAuthors[0]).toEqual({ author: 'technikfan', mentions: 2, reach: 5000 });
    expect(stats.body.topTerms.slice(0, 3).map((x) => x.term)).toEqual(expect.arrayContaining(['akku', 'nordlicht', 'kaputt']));
    expect((await api(p, 'GET', `/api/v1/listening/queries/${q.body.id}/stats`, other.token)).status).toBe(404);
  });

  it('hears public comments arriving on a channel and links them to the contact', async () => {
    const ch = await api<{ id: string }>(p, 'POST', '/api/v1/channels', t.token, { type: 'api', name: 'Öffentlich' });
    const res = await api<{ messageId: string; conversationId: string }>(p, 'POST', `/api/v1/channels/${ch.body.id}/inbound`, t.token, {
      externalId: 'comment-1', from: { id: 'fb-9', name: 'Petra' }, text: 'Nordlicht: meine Lieferungen kommen nie an!', visibility: 'public',
    });
    const conv = await api<{ contactId: string }>(p, 'GET', `/api/v1/conversations/${res.body.conversationId}`, t.token);
    const mentions = await api<{ items: { messageId: string | null; contactId: string | null }[] }>(p, 'GET', '/api/v1/listening/mentions', t.token);
    expect(mentions.body.items.find((m) => m.messageId === res.body.messageId)?.contactId).toBe(conv.body.contactId);
    const privateMsg = await api<{ messageId: string }>(p, 'POST', `/api/v1/channels/${ch.body.id}/inbound`, t.token, {
      externalId: 'dm-1', from: { id: 'fb-9' }, text: 'Nordlicht Lieferung privat', visibility: 'private',
    });
    const after = await api<{ items: { messageId: string | null }[] }>(p, 'GET', '/api/v1/listening/mentions', t.token);
    expect(after.body.items.some((m) => m.messageId === privateMsg.body.messageId)).toBe(false);
  });
});

describe('early warning on listening queries', () => {
  let p: TestParley;
  let t: Tenant;
  beforeAll(async () => {
    if (!backend) throw new Error('no backend');
    p = await startTestParley(backend);
    t = await createTenant(p);
  });
  afterAll(async () => p.drop());

  it('raises one alert when a quiet query suddenly gets a wave of angry mentions, and lets the team acknowledge and resolve it', async () => {
    const loud = await api<{ id: string }>(p, 'POST', '/api/v1/listening/queries', t.token, { name: 'Marke', query: 'Nordlicht' });
    const quiet = await api<{ id: string }>(p, 'POST', '/api/v1/listening/queries', t.token, { name: 'Ruhig', query: 'Polarstern' });
    // A fixed moment, so the buckets fall the same way on every run.
    const now = new Date('2026-01-15T10:02:30Z');
    // Three days of ordinary chatter: one or two mentions an hour for each query, mostly neutral.
    const history: { text: string; queryId: string; postedAt: Date; sentiment: string }[] = [];
    for (let h = 72; h >= 1; h--) {
      for (const q of [loud.body.id, quiet.body.id]) {
        history.push({ text: 'Nordlicht ok', queryId: q, postedAt: new Date(now.getTime() - h * 3600_000), sentiment: 'neutral' });
        if (h % 2 === 0) history.push({ text: 'Nordlicht gut', queryId: q, postedAt: new Date(now.getTime() - h * 3600_000 + 1_800_000), sentiment: 'positive' });
      }
    }
    // Then, in the current five-minute bucket, a wave of anger on one query only.
    const bucketStart = Math.floor(now.getTime() / 300_000) * 300_000;
    for (let i = 0; i < 60; i++) {
      history.push({ text: `Nordlicht Betrug ${i}`, queryId: loud.body.id, postedAt: new Date(bucketStart + ((now.getTime() - bucketStart) * i) / 60), sentiment: 'negative' });
    }
    await p.db
      .insertInto('mentions')
      .values(history.map((m, i) => ({ workspaceId: t.workspaceId, source: 'x', externalId: `h${i}`, queryIds: [m.queryId], text: m.text, sentiment: m.sentiment, postedAt: m.postedAt, reach: i })))
      .execute();

    // The team hears of it by webhook and e-mail too.
    let secret = '';
    const hook = await startWebhookReceiver(() => secret);
    const outgoing = await startCapturingSmtp('alarm@shop.example', 'smtp-geheim');
    await api(p, 'POST', '/api/v1/channels', t.token, { type: 'email', name: 'Nordlicht Monitoring', settings: { address: 'alarm@shop.example', smtp: { host: '127.0.0.1', port: outgoing.port, secure: false, user: 'alarm@shop.example' }, smtpPassword: 'smtp-geheim' } });
    const configured = await api<{ webhookSecret: string }>(p, 'PUT', '/api/v1/workspace/listening-notifications', t.token, { emails: ['social-team@shop.example'], webhookUrl: hook.url });
    secret = configured.body.webhookSecret;
    expect(secret).toMatch(/^whsec_/);
    expect((await api(p, 'PUT', '/api/v1/workspace/listening-notifications', t.tokens.agent, { emails: [] })).status).toBe(403);

    const stream = await openStream(p, t.token);
    expect(await detectListeningAlerts(p.db, now)).toBeGreaterThan(0);
    expect(await detectListeningAlerts(p.db, now)).toBe(0);
    const alerts = await api<{ items: { id: string; queryId: string; kind: string; topMentionIds: string[] }[] }>(p, 'GET', '/api/v1/listening/alerts?open=true', t.token);
    expect(alerts.body.items.length).toBeGreaterThan(0);
    expect(new Set(alerts.body.items.map((a) => a.queryId))).toEqual(new Set([loud.body.id]));
    expect(alerts.body.items.map((a) => a.kind)).toContain('volume');
    expect(alerts.body.items[0]?.topMentionIds.length).toBeGreaterThan(0);
    await stream.waitFor((e) => e.type === 'listening.alert');
    stream.close();

    // Sent once, by this round or the worker's, whichever claims it first.
    const box = createSecretBox(loadSecretKey({}, p.dataDir));
    await notifyListeningAlerts(p.db, box, { allowPrivateNetworks: true });
    for (let i = 0; i < 50 && (hook.received.length < alerts.body.items.length || outgoing.mails.length < alerts.body.items.length); i++) await new Promise((r) => setTimeout(r, 100));
    expect(hook.received).toHaveLength(alerts.body.items.length);
    const delivered = hook.received[0];
    expect(delivered?.verified).toBe(true);
    const data = delivered?.body.data as { query: string; topTerms: { term: string }[]; topPosts: { text: string }[]; negativeShare: { now: number; before: number } };
    expect(data.query).toBe('Marke');
    expect(data.topTerms.map((x) => x.term)).toContain('betrug');
    expect(data.topPosts[0]?.text).toMatch(/Nordlicht Betrug/);
    expect(data.negativeShare.now).toBeGreaterThan(data.negativeShare.before);
    expect(outgoing.mails[0]?.rcptTo).toEqual(['social-team@shop.example']);
    expect(outgoing.mails[0]?.raw.toString()).toContain('Parley-Fr');
    expect(await notifyListeningAlerts(p.db, box, { allowPrivateNetworks: true })).toBe(0);
    await hook.close();
    await outgoing.close();

    const id = alerts.body.items[0]?.id ?? '';
    expect((await api<{ acknowledgedAt: string | null }>(p, 'POST', `/api/v1/listening/alerts/${id}/acknowledge`, t.tokens.agent)).body.acknowledgedAt).not.toBeNull();
    expect((await api(p, 'POST', `/api/v1/listening/alerts/${id}/resolve`, t.tokens.viewer)).status).toBe(403);
    await api(p, 'POST', `/api/v1/listening/alerts/${id}/resolve`, t.token);
    const open = await api<{ items: { id: string }[] }>(p, 'GET', '/api/v1/listening/alerts?open=true', t.token);
    expect(open.body.items.map((a) => a.id)).not.toContain(id);
  });

  it('watches a brand across its queries: a storm spread thinly over them alerts for the brand, though no single query does', async () => {
    const names = ['Polarlicht Lieferung', 'Polarlicht Akku', 'Polarlicht Service'];
    const ids: string[] = [];
    for (const [i, name] of names.entries()) {
      const q = await api<{ id: string; brand: string }>(p, 'POST', '/api/v1/listening/queries', t.token, { name, query: `Polarlicht AND thema${i}`, brand: 'Polarlicht' });
      expect(q.body.brand).toBe('Polarlicht');
      ids.push(q.body.id);
    }
    // The brand chart reads the clock, so this storm happens now.
    const now = new Date();
    const rows: { queryId: string; postedAt: Date; text: string }[] = [];
    // Three quiet days, then six mentions on each query in the current five minutes: eighteen for the brand.
    for (let h = 72; h >= 1; h--) for (const id of ids) rows.push({ queryId: id, postedAt: new Date(now.getTime() - h * 3600_000), text: 'Polarlicht ok' });
    const bucketStart = Math.floor(now.getTime() / 300_000) * 300_000;
    for (const id of ids) for (let i = 0; i < 6; i++) rows.push({ queryId: id, postedAt: new Date(bucketStart + ((now.getTime() - bucketStart) * i) / 6), text: `Polarlicht Frage ${i}` });
    await p.db
      .insertInto('mentions')
      .values(rows.map((m, i) => ({ workspaceId: t.workspaceId, source: 'x', externalId: `brand-${i}`, queryIds: [m.queryId], text: m.text, sentiment: 'neutral', postedAt: m.postedAt })))
      .execute();

    expect(await detectListeningAlerts(p.db, now)).toBe(1);
    expect(await detectListeningAlerts(p.db, now)).toBe(0);
    const alerts = await api<{ items: { queryId: string | null; brand: string | null; kind: string; observed: number }[] }>(p, 'GET', '/api/v1/listening/alerts?open=true', t.token);
    const brandAlerts = alerts.body.items.filter((a) => a.brand === 'Polarlicht');
    expect(brandAlerts).toEqual([expect.objectContaining({ queryId: null, kind: 'volume', observed: 18 })]);
    expect(alerts.body.items.some((a) => a.queryId !== null && ids.includes(a.queryId))).toBe(false);

    const brands = await api<{ items: { brand: string; queries: number }[] }>(p, 'GET', '/api/v1/listening/brands', t.tokens.viewer);
    expect(brands.body.items).toContainEqual({ brand: 'Polarlicht', queries: 3 });
    const heard = await api<{ items: { queryIds: string[] }[] }>(p, 'GET', '/api/v1/listening/mentions?brand=Polarlicht&limit=200', t.tokens.viewer);
    expect(heard.body.items).toHaveLength(200);
    expect(heard.body.items.every((m) => m.queryIds.some((id) => ids.includes(id)))).toBe(true);
    const stats = await api<{ buckets: { total: number }[]; alerts: { kind: string }[] }>(p, 'GET', `/api/v1/listening/brands/stats?brand=Polarlicht&hours=${24 * 14}`, t.tokens.viewer);
    expect(stats.status).toBe(200);
    expect(stats.body.buckets.reduce((n, b) => n + b.total, 0)).toBe(rows.length);
    expect(stats.body.alerts.map((a) => a.kind)).toEqual(['volume']);
    const other = await createTenant(p);
    expect((await api(p, 'GET', '/api/v1/listening/brands/stats?brand=Polarlicht', other.token)).status).toBe(404);
  });
});
