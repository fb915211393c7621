import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metaDeliveryHeaders } from '../../src/channels/meta/fake.js';
import { RATE_LIMIT_HIT, startWhatsAppFake, type WhatsAppFake, whatsappMediaWebhook, whatsappStatusWebhook, whatsappTextWebhook } from '../../src/channels/whatsapp/fake.js';
import { backends } from '../support/backends.js';
import { conversationMessages, conversationOf as conversationOfMessage, deliver } from '../support/channel-helpers.js';
import { api, createTenant, openStream, startTestParley, type Tenant, type TestParley } from '../support/parley.js';

const backend = backends()[0];
const PHONE_ID = '109876543210';
const settings = { appSecret: 'app-secret-0123456789', verifyToken: 'verify-me-please', phoneNumberId: PHONE_ID, accessToken: 'EAAG-test-token-123' };

type Msg = { id: string; text: string; direction: string; deliveryStatus: string | null; deliveryError: string | null; externalId: string | null };

describe('WhatsApp Cloud API channel', () => {
  let p: TestParley;
  let t: Tenant;
  let fake: WhatsAppFake;
  let channel: { id: string; webhookUrl: string };

  const messages = (conversationId: string) => conversationMessages(p, t, conversationId);

  async function incoming(id: string, from: string, text: string, timestamp?: number) {
    const body = whatsappTextWebhook(PHONE_ID, { id, from, name: 'Jana Krüger', text, ...(timestamp !== undefined && { timestamp }) });
    return deliver(p, channel.webhookUrl, body, metaDeliveryHeaders(settings.appSecret, body));
  }

  const conversationOf = async (externalId: string) => (await conversationOfMessage(p, t, externalId)).id;

  beforeAll(async () => {
    if (!backend) throw new Error('no backend');
    p = await startTestParley(backend);
    t = await createTenant(p);
    fake = await startWhatsAppFake({ accessToken: settings.accessToken, phoneNumberId: PHONE_ID });
    const res = await api<{ id: string; webhookUrl: string; settings: Record<string, unknown>; secretsSet: string[] }>(p, 'POST', '/api/v1/channels', t.token, {
      type: 'whatsapp',
      name: 'WhatsApp Service',
      settings: { ...settings, apiBaseUrl: fake.url },
    });
    expect(res.status).toBe(201);
    channel = res.body;
    expect(channel.webhookUrl).toBe(`/webhooks/whatsapp/${channel.id}`);
    // Credentials given among the settings are sealed and never shown again.
    expect(res.body.settings).toEqual({ phoneNumberId: PHONE_ID, apiBaseUrl: fake.url, apiVersion: 'v21.0' });
    expect(res.body.secretsSet).toEqual(['accessToken', 'appSecret', 'verifyToken']);
  });
  afterAll(async () => {
    await fake.close();
    await p.drop();
  });

  it('answers Meta\'s verification handshake only with the right verify token', async () => {
    const ok = await fetch(`${p.url}${channel.webhookUrl}?hub.mode=subscribe&hub.verify_token=${settings.verifyToken}&hub.challenge=1158201444`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    const wrong = await fetch(`${p.url}${channel.webhookUrl}?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444`);
    expect(wrong.status).toBe(403);
    expect(await wrong.text()).not.toContain('1158201444');
  });

  it('stores a signed message once, on a contact with the WhatsApp number, and refuses unsigned or forged ones', async () => {
    const body = whatsappTextWebhook(PHONE_ID, { id: 'wamid.IN1', from: '4915112345678', name: 'Jana Krüger', text: 'Hallo, mein Paket ist nicht angekommen.' });
    const forged = await deliver(p, channel.webhookUrl, body, metaDeliveryHeaders('not-the-app-secret', body));
    expect(forged.status).toBe(401);
    expect(JSON.parse(forged.text)).toMatchObject({ error: { code: 'unauthorized' } });
    const unsigned = await deliver(p, channel.webhookUrl, body, { 'content-type': 'application/json' });
    expect(unsigned.status).toBe(401);
    const tampered = await deliver(p, channel.webhookUrl, body.replace('nicht angekommen', 'angekommen'), metaDeliveryHeaders(settings.appSecret, body));
    expect(tampered.status).toBe(401);
    expect((await api<{ items: unknown[] }>(p, 'GET', '/api/v1/conversations', t.token)).body.items).toHaveLength(0);

    const first = await deliver(p, channel.webhookUrl, body, metaDeliveryHeaders(settings.appSecret, body));
    expect(first.status).toBe(200);
    const replay = await deliver(p, channel.webhookUrl, body, metaDeliveryHeaders(settings.appSecret, body));
    expect(replay.status).toBe(200);
    expect(JSON.parse(replay.text)).toMatchObject({ received: 1, stored: 0 });
    const conversationId = await conversationOf('wamid.IN1');
    expect(await messages(conversationId)).toHaveLength(1);
    const conv = await api<{ contact: { name: string; phone: string }; visibility: string }>(p, 'GET', `/api/v1/conversations/${conversationId}`, t.token);
    expect(conv.body.contact).toMatchObject({ name: 'Jana Krüger', phone: '+4915112345678' });
    expect(conv.body.visibility).toBe('private');
  });

  it('fetches a photo the customer sent and keeps it with the message; a file Meta no longer has leaves the caption', async () => {
    fake.media.set('media-771', { content: Buffer.from('\x89PNG fake photo bytes'), mimeType: 'image/png' });
    const photo = whatsappMediaWebhook(PHONE_ID, { id: 'wamid.PHOTO', from: '4915133344455', mediaId: 'media-771', type: 'image', mimeType: 'image/png', caption: 'So kam die Lampe an' });
    expect((await deliver(p, channel.webhookUrl, photo, metaDeliveryHeaders(settings.appSecret, photo))).status).toBe(200);
    const conversationId = await conversationOf('wamid.PHOTO');
    const [message] = (await api<{ messages: (Msg & { attachments: { id: string; url: string; contentType: string }[] })[] }>(p, 'GET', `/api/v1/conversations/${conversationId}`, t.token)).body.messages;
    expect(message?.text).toBe('So kam die Lampe an');
    expect(message?.attachments).toHaveLength(1);
    const download = await fetch(`${p.url}${message?.attachments[0]?.url}`, { headers: { authorization: `Bearer ${t.token}` } });
    expect(download.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await download.arrayBuffer()).toString()).toBe('\x89PNG fake photo bytes');

    const gone = whatsappMediaWebhook(PHONE_ID, { id: 'wamid.GONE', from: '4915133344455', mediaId: 'media-expired', type: 'document', mimeType: 'application/pdf', filename: 'rechnung.pdf' });
    expect((await deliver(p, channel.webhookUrl, gone, metaDeliveryHeaders(settings.appSecret, gone))).status).toBe(200);
    const stored = (await messages(await conversationOf('wamid.GONE'))).find((m) => m.externalId === 'wamid.GONE');
    expect(stored?.text).toBe('[document: rechnung.pdf]');
  });

  it('replies through the Cloud API, rides out a throughput limit, and applies status reports', async () => {
    await incoming('wamid.IN2', '4917600011122', 'Können Sie mich zurückrufen?');
    const conversationId = await conversationOf('wamid.IN2');
    const stream = await openStream(p, t.token);
    fake.failNext(RATE_LIMIT_HIT);
    const reply = await api<{ id: string }>(p, 'POST', `/api/v1/conversations/${conversationId}/messages`, t.tokens.agent, { text: 'Gern, wir rufen heute an.', type: 'reply' });
    const sent = await stream.waitFor((e) => e.type === 'message.updated' && e.data.id === reply.body.id && e.data.deliveryStatus === 'sent', 15_000);
    const call = fake.sent.at(-1);
    expect(call?.json).toMatchObject({ messaging_product: 'whatsapp', to: '4917600011122', type: 'text', text: { body: 'Gern, wir rufen heute an.' } });
    expect(fake.calls.length).toBeGreaterThanOrEqual(2);

    const wamid = String(sent.data.externalId);
    expect(wamid).toMatch(/^wamid\./);
    const report = whatsappStatusWebhook(PHONE_ID, { id: wamid, status: 'delivered', recipient: '4917600011122' });
    expect((await deliver(p, channel.webhookUrl, report, metaDeliveryHeaders(settings.appSecret, report))).status).toBe(200);
    expect((await messages(conversationId)).find((m) => m.id === reply.body.id)?.deliveryStatus).toBe('delivered');
    stream.close();
  }, 30_000);

  it('keeps to the 24-hour window: outside it, only the re-engagement template goes out', async () => {
    await incoming('wamid.OLD', '4917099988877', 'Ich warte seit Tagen.', Math.floor(Date.now() / 1000) - 25 * 3600);
    const conversationId = await conversationOf('wamid.OLD');
    const stream = await openStream(p, t.token);
    const blocked = await api<{ id: string }>(p, 'POST', `/api/v1/conversations/${conversationId}/messages`, t.token, { text: 'Entschuldigung für die Wartezeit.', type: 'reply' });
    const failed = await stream.waitFor((e) => e.type === 'message.updated' && e.data.id === blocked.body.id && e.data.deliveryStatus === 'failed', 10_000);
    expect(String(failed.data.deliveryError)).toMatch(/24 hours/);

    const patched = await api(p, 'PATCH', `/api/v1/channels/${channel.id}`, t.token, { settings: { reengagementTemplate: { name: 'service_followup', language: 'de' } } });
    expect(patched.status).toBe(200);
    const retry = await api<{ id: string }>(p, 'POST', `/api/v1/conversations/${conversationId}/messages`, t.token, { text: 'Entschuldigung für die Wartezeit.', type: 'reply' });
    await stream.waitFor((e) => e.type === 'message.updated' && e.data.id === retry.body.id && e.data.deliveryStatus === 'sent', 10_000);
    expect(fake.sent.at(-1)?.json).toMatchObject({ type: 'template', template: { name: 'service_followup', language: { code: 'de' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'Entschuldigung für die Wartezeit.' }] }] } });
    stream.close();
  }, 30_000);

  it('shows the provider\'s reason when the access token is refused, and never returns secrets', async () => {
    await incoming('wamid.IN3', '4915255566677', 'Hallo?');
    const conversationId = await conversationOf('wamid.IN3');
    await api(p, 'PATCH', `/api/v1/channels/${channel.id}`, t.token, { secrets: { accessToken: 'EAAG-revoked-token' } });
    const stream = await openStream(p, t.token);
    const reply = await api<{ id: string }>(p, 'POST', `/api/v1/conversations/${conversationId}/messages`, t.token, { text: 'Hallo!', type: 'reply' });
    const failed = await stream.waitFor((e) => e.type === 'message.updated' && e.data.id === reply.body.id && e.data.deliveryStatus === 'failed', 10_000);
    expect(String(failed.data.deliveryError)).toMatch(/access token.*190/);
    const listed = await api(p, 'GET', `/api/v1/channels/${channel.id}`, t.token);
    expect(JSON.stringify(listed.body)).not.toMatch(/EAAG|app-secret|verify-me/);
    stream.close();
  }, 20_000);
});
