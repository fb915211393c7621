import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FacebookFake, startFacebookFake } from '../../src/channels/facebook/fake.js';
import { metaDeliveryHeaders } from '../../src/channels/meta/fake.js';
import { telegramTextUpdate } from '../../src/channels/telegram/fake.js';
import { startTrustpilotFake, type TrustpilotFake } from '../../src/channels/trustpilot/fake.js';
import { whatsappTextWebhook } from '../../src/channels/whatsapp/fake.js';
import { xDeliveryHeaders, xMentionDelivery } from '../../src/channels/x/fake.js';
import { backends } from '../support/backends.js';
import { api, createTenant, startTestParley, type Tenant, type TestParley } from '../support/parley.js';

const backend = backends()[0];

// One customer, Anna Berg, writes on seven channels. Where an identity is shared (her e-mail
// address, her phone number) Parley links her by itself; where a provider gives only its own id
// (a Facebook comment, a tweet, a Trustpilot review), an agent merges — and then every
// conversation is on one contact.
describe('one customer on every channel ends up on one contact', () => {
  let p: TestParley;
  let t: Tenant;
  let facebook: FacebookFake;
  let trustpilot: TrustpilotFake;
  const post = async (path: string, body: string, headers: Record<string, string>) => {
    const res = await fetch(p.url + path, { method: 'POST', headers, body });
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.status;
  };
  const create = async (type: string, name: string, settings: Record<string, unknown>) => {
    const res = await api<{ id: string; webhookUrl: string }>(p, 'POST', '/api/v1/channels', t.token, { type, name, settings });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };
  const contactOf = async (channelId: string) => {
    const list = await api<{ items: { contactId: string }[] }>(p, 'GET', `/api/v1/conversations?channelId=${channelId}`, t.token);
    expect(list.body.items).toHaveLength(1);
    return list.body.items[0]!.contactId;
  };

  beforeAll(async () => {
    if (!backend) throw new Error('no backend');
    p = await startTestParley(backend, 'in-process', { smtp: true });
    t = await createTenant(p);
    facebook = await startFacebookFake({ pageAccessToken: 'EAAB-page-token-123', pageId: '5550001' });
    trustpilot = await startTrustpilotFake('5f2b8c9e1a2b3c4d5e6f7a8b', 'tp-api-key-123', 'tp-access-token-123');
  });
  afterAll(async () => {
    await facebook.close();
    await trustpilot.close();
    await p.drop();
  });

  it('links by e-mail and phone by itself, and by an agent\'s merge otherwise', async () => {
    const email = await create('email', 'Service', { address: 'service@shop.example' });
    const mailer = nodemailer.createTransport({ host: '127.0.0.1', port: p.smtpPort ?? 0, secure: false, ignoreTLS: true });
    await mailer.sendMail({ from: '"Anna Berg" <anna.berg@example.de>', to: 'service@shop.example', subject: 'Bestellung 7001', text: 'Wo bleibt meine Bestellung 7001?' });

    const chat = await create('webchat', 'Website', {});
    const visitor = (await api<{ token: string }>(p, 'POST', `/api/v1/widget/${chat.id}/visitors`, null)).body.token;
    await api(p, 'POST', `/api/v1/widget/${chat.id}/messages`, null, { clientId: randomUUID(), text: 'Ich hatte schon gemailt.', name: 'Anna Berg', email: 'anna.berg@example.de' }, { 'x-parley-visitor': visitor });
    // Her phone number reaches the contact through a callback request she made in the chat.
    await api(p, 'POST', `/api/v1/widget/${chat.id}/callbacks`, null, { clientId: randomUUID(), phone: '0151 22334455', name: 'Anna Berg' }, { 'x-parley-visitor': visitor });

    const wa = await create('whatsapp', 'WhatsApp', { phoneNumberId: '1234509876', appSecret: 'wa-app-secret-123', verifyToken: 'wa-verify-token', accessToken: 'wa-access-token-1' });
    const waBody = whatsappTextWebhook('1234509876', { id: 'wamid.anna', from: '4915122334455', name: 'Anna', text: 'Hallo, hier nochmal per WhatsApp.' });
    expect(await post(wa.webhookUrl, waBody, metaDeliveryHeaders('wa-app-secret-123', waBody))).toBe(200);

    const tg = await create('telegram', 'Telegram', { botToken: '7012345678:AAF-test_token_abcdefghijklmnopqrs', secretToken: 'tg-secret-token-0123456789' });
    const share = { update_id: 1, message: { message_id: 3, from: { id: 9001, first_name: 'Anna', last_name: 'Berg' }, chat: { id: 9001, type: 'private' }, date: Math.floor(Date.now() / 1000), contact: { phone_number: '4915122334455', first_name: 'Anna', user_id: 9001 } } };
    expect(await post(tg.webhookUrl, JSON.stringify(share), { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'tg-secret-token-0123456789' })).toBe(200);
    const text = telegramTextUpdate(2, { chatId: 9001, messageId: 4, firstName: 'Anna', lastName: 'Berg', text: 'Und hier auf Telegram.' });
    expect(await post(tg.webhookUrl, JSON.stringify(text), { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'tg-secret-token-0123456789' })).toBe(200);

    const fb = await create('facebook', 'Facebook', { pageId: '5550001', appSecret: 'fb-app-secret-0123', verifyToken: 'fb-verify-token', pageAccessToken: 'EAAB-page-token-123', apiBaseUrl: facebook.url });
    const comment = facebook.comment({ commentId: '5550001_1_77', postId: '5550001_1', fromId: 'fb-anna', fromName: 'Anna Berg', text: 'Seit einer Woche keine Antwort!' });
    expect(await post(fb.webhookUrl, comment, metaDeliveryHeaders('fb-app-secret-0123', comment))).toBe(200);

    const x = await create('x', 'X', { consumerSecret: 'x-consumer-secret-0123', userAccessToken: 'x-user-token-123', userId: '424242', handle: '@ShopService' });
    const tweet = xMentionDelivery('424242', { id: '1800000000000000001', userId: '777111', name: 'Anna Berg', screenName: 'annaberg', text: '@ShopService meine Bestellung 7001 fehlt immer noch' });
    expect(await post(x.webhookUrl, tweet, xDeliveryHeaders('x-consumer-secret-0123', tweet))).toBe(200);

    trustpilot.reviews.push({ id: 'tp-anna', stars: 1, title: 'Kein Paket', text: 'Bestellung 7001 nie angekommen.', language: 'de', createdAt: new Date().toISOString(), consumer: { id: 'tp-consumer-anna', displayName: 'Anna B.' } });
    const tp = await create('trustpilot', 'Trustpilot', { businessUnitId: '5f2b8c9e1a2b3c4d5e6f7a8b', apiBaseUrl: trustpilot.url, apiKey: 'tp-api-key-123', accessToken: 'tp-access-token-123' });
    await api(p, 'POST', `/api/v1/channels/${tp.id}/poll`, t.token);

    for (let i = 0; i < 50 && !(await p.db.selectFrom('messages').select('id').where('channelId', '=', email.id).executeTakeFirst()); i++) await new Promise((r) => setTimeout(r, 100));

    // Linked by themselves: e-mail ↔ chat by address; chat (callback phone) ↔ WhatsApp ↔ Telegram by phone.
    const anna = await contactOf(email.id);
    for (const channel of [chat.id, wa.id, tg.id]) expect(await contactOf(channel)).toBe(anna);
    // Providers' own ids only: an agent merges them.
    for (const channel of [fb.id, x.id, tp.id]) {
      const other = await contactOf(channel);
      expect(other).not.toBe(anna);
      expect((await api(p, 'POST', `/api/v1/contacts/${anna}/merge`, t.tokens.agent, { sourceId: other })).status).toBe(200);
    }

    const timeline = await api<{ items: { channelId: string; contactId: string }[] }>(p, 'GET', `/api/v1/conversations?contactId=${anna}&limit=50`, t.token);
    expect(new Set(timeline.body.items.map((c) => c.channelId))).toEqual(new Set([email.id, chat.id, wa.id, tg.id, fb.id, x.id, tp.id]));
    const contact = await api<{ email: string; phone: string }>(p, 'GET', `/api/v1/contacts/${anna}`, t.token);
    expect(contact.body).toMatchObject({ email: 'anna.berg@example.de', phone: '+4915122334455' });
  }, 60_000);
});
