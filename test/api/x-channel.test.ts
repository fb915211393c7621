import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rateLimited, startXFake, type XFake, xDeliveryHeaders, xDmDelivery, xMentionDelivery } from '../../src/channels/x/fake.js';
import { backends } from '../support/backends.js';
import { agentReply, conversationCount, conversationMessages, conversationOf, deliver, settled } from '../support/channel-helpers.js';
import { api, createTenant, openStream, startTestParley, type Tenant, type TestParley } from '../support/parley.js';

const backend = backends()[0];
const USER_ID = '1500000000000000001';
const settings = { consumerSecret: 'x-consumer-secret-0123', userAccessToken: 'x-user-token-123', bearerToken: 'x-app-bearer-123', userId: USER_ID, handle: '@ParleyShop', keywords: ['parley shop'] };

async function until<T>(probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('X channel', () => {
  let p: TestParley;
  let t: Tenant;
  let fake: XFake;
  let channel: { id: string; webhookUrl: string };

  const signed = (body: string) => deliver(p, channel.webhookUrl, body, xDeliveryHeaders(settings.consumerSecret, body));
  const reply = (conversationId: string, text: string, visibility?: 'public' | 'private') => agentReply(p, t, conversationId, text, visibility);

  beforeAll(async () => {
    if (!backend) throw new Error('no backend');
    p = await startTestParley(backend);
    t = await createTenant(p);
    fake = await startXFake({ userAccessToken: settings.userAccessToken, bearerToken: settings.bearerToken });
    const res = await api<{ id: string; webhookUrl: string; settings: Record<string, unknown>; secretsSet: string[] }>(p, 'POST', '/api/v1/channels', t.token, { type: 'x', name: 'X @ParleyShop', settings: { ...settings, apiBaseUrl: fake.url } });
    expect(res.status).toBe(201);
    channel = res.body;
    expect(channel.webhookUrl).toBe(`/webhooks/x/${channel.id}`);
    expect(res.body.settings).toEqual({ userId: USER_ID, handle: 'ParleyShop', keywords: ['parley shop'], apiBaseUrl: fake.url });
    expect(res.body.secretsSet).toEqual(['bearerToken', 'consumerSecret', 'userAccessToken']);
  });
  afterAll(async () => {
    await fake.close();
    await p.drop();
  });

  it('answers the CRC challenge with the base64 HMAC of the token', async () => {
    const res = await fetch(`${p.url}${channel.webhookUrl}?crc_token=challenge-abc`);
    expect(res.status).toBe(200);
    const expected = `sha256=${createHmac('sha256', settings.consumerSecret).update('challenge-abc').digest('base64')}`;
    expect(await res.json()).toEqual({ response_token: expected });
  });

  it('refuses forged deliveries, stores a signed direct message once and answers it by DM', async () => {
    const body = xDmDelivery(USER_ID, { id: '1600000000000000001', senderId: '42', name: 'Sam Roth', screenName: 'samroth', text: 'Hallo, meine Lieferung fehlt.' });
    expect((await deliver(p, channel.webhookUrl, body, xDeliveryHeaders('forged-secret-000', body))).status).toBe(401);
    expect((await deliver(p, channel.webhookUrl, body, { 'content-type': 'application/json' })).status).toBe(401);
    expect(await conversationCount(p, t)).toBe(0);
    expect((await signed(body)).status).toBe(200);
    expect(JSON.parse((await signed(body)).text)).toMatchObject({ received: 1, stored: 0 });
    const conv = await conversationOf(p, t, '1600000000000000001');
    expect(conv.visibility).toBe('private');
    expect(conv.contact.name).toBe('Sam Roth (@samroth)');

    const stream = await openStream(p, t.token);
    const id = await reply(conv.id, 'Wir prüfen das sofort.');
    const sent = await settled(stream, id, 'sent');
    expect(fake.dms.at(-1)?.path).toBe('/2/dm_conversations/with/42/messages');
    expect(fake.dms.at(-1)?.json).toEqual({ text: 'Wir prüfen das sofort.' });
    expect(fake.dms.at(-1)?.headers.authorization).toBe(`Bearer ${settings.userAccessToken}`);
    expect(String(sent.data.externalId)).toMatch(/^\d+$/);
    stream.close();
  });

  it('replies publicly to a mention after a rate limit, moves it to a DM on request, and shows a refusal\'s reason', async () => {
    await signed(xMentionDelivery(USER_ID, { id: '1700000000000000001', userId: '77', name: 'Kim Vogt', screenName: 'kimv', text: '@ParleyShop euer Support antwortet nicht 😡' }));
    const conv = await conversationOf(p, t, '1700000000000000001');
    expect(conv.visibility).toBe('public');
    const stream = await openStream(p, t.token);

    fake.failNext(rateLimited(1));
    const publicReply = await reply(conv.id, '@kimv Das tut uns leid! Wir schreiben Ihnen per DM.');
    await settled(stream, publicReply, 'sent', 15_000);
    expect(fake.posts.at(-1)?.json).toEqual({ text: '@kimv Das tut uns leid! Wir schreiben Ihnen per DM.', reply: { in_reply_to_tweet_id: '1700000000000000001' } });

    const privateReply = await reply(conv.id, 'Hallo Kim, wie lautet Ihre Bestellnummer?', 'private');
    await settled(stream, privateReply, 'sent');
    expect(fake.dms.at(-1)?.path).toBe('/2/dm_conversations/with/77/messages');

    const duplicate = await reply(conv.id, '@kimv Das tut uns leid! Wir schreiben Ihnen per DM.');
    const failed = await settled(stream, duplicate, 'failed');
    expect(String(failed.data.deliveryError)).toMatch(/duplicate content/);
    stream.close();
  }, 30_000);

  it('keeps the filtered stream\'s rules, stores matched posts by thread, and reconnects after a disconnect and a 429', async () => {
    const rule = await until(() => fake.rules.find((r) => r.tag === `parley:${channel.id}`));
    expect(rule.value).toBe('(@ParleyShop OR "parley shop") -is:retweet -from:ParleyShop');
    await until(() => (fake.streams.size > 0 ? true : undefined));
    fake.keepAlive();
    expect(fake.publish({ id: '1800000000000000001', text: 'Kennt jemand den parley shop? Erfahrungen?', authorId: '88', username: 'lotte', name: 'Lotte' })).toBe(1);
    expect(fake.publish({ id: '1800000000000000002', text: 'Ganz anderes Thema', authorId: '89', username: 'max', name: 'Max' })).toBe(0);
    const first = await until(async () => conversationOf(p, t, '1800000000000000001').catch(() => undefined));
    expect(first.visibility).toBe('public');
    expect(first.contact.name).toBe('Lotte (@lotte)');

    const connects = () => fake.calls.filter((c) => c.path === '/2/tweets/search/stream').length;
    const before = connects();
    fake.rejectNextStream(rateLimited(1));
    fake.disconnect();
    await until(() => (connects() >= before + 2 && fake.streams.size > 0 ? true : undefined));
    fake.publish({ id: '1800000000000000003', text: '@ParleyShop und wie ist das mit Retouren?', authorId: '88', username: 'lotte', name: 'Lotte', conversationId: '1800000000000000001' });
    await until(async () => ((await conversationMessages(p, t, first.id)).length === 2 ? true : undefined));
    // The stream's own posts and a repeat are stored once.
    fake.publish({ id: '1800000000000000003', text: '@ParleyShop und wie ist das mit Retouren?', authorId: '88', username: 'lotte', name: 'Lotte', conversationId: '1800000000000000001' });
    fake.publish({ id: '1800000000000000004', text: '@ParleyShop Danke!', authorId: USER_ID, username: 'ParleyShop', name: 'Shop' });
    await new Promise((r) => setTimeout(r, 500));
    expect(await conversationMessages(p, t, first.id)).toHaveLength(2);
  }, 40_000);
});
