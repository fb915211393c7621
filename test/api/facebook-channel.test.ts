import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FacebookFake, startFacebookFake } from '../../src/channels/facebook/fake.js';
import { businessUseCaseLimit, metaDeliveryHeaders } from '../../src/channels/meta/fake.js';
import { backends } from '../support/backends.js';
import { agentReply, conversationCount, conversationMessages, conversationOf, deliver, settled } from '../support/channel-helpers.js';
import { api, createTenant, openStream, startTestParley, type Tenant, type TestParley } from '../support/parley.js';

const backend = backends()[0];
const PAGE_ID = '104471234567890';
const POST_ID = `${PAGE_ID}_555000111`;
const settings = { appSecret: 'fb-app-secret-0123', verifyToken: 'fb-verify-token', pageId: PAGE_ID, pageAccessToken: 'EAAB-page-token-123' };
const HOUR = 3600_000;

describe('Facebook Page channel', () => {
  let p: TestParley;
  let t: Tenant;
  let fake: FacebookFake;
  let channel: { id: string; webhookUrl: string };

  const signed = (body: string) => deliver(p, channel.webhookUrl, body, metaDeliveryHeaders(settings.appSecret, body));

  const reply = (conversationId: string, text: string, visibility?: 'public' | 'private') => agentReply(p, t, conversationId, text, visibility);

  beforeAll(async () => {
    if (!backend) throw new Error('no backend');
    p = await startTestParley(backend);
    t = await createTenant(p);
    fake = await startFacebookFake({ pageAccessToken: settings.pageAccessToken, pageId: PAGE_ID });
    const res = await api<{ id: string; webhookUrl: string; settings: Record<string, unknown>; secretsSet: string[] }>(p, 'POST', '/api/v1/channels', t.token, { type: 'facebook', name: 'Facebook-Seite', settings: { ...settings, apiBaseUrl: fake.url } });
    expect(res.status).toBe(201);
    channel = res.body;
    expect(channel.webhookUrl).toBe(`/webhooks/facebook/${channel.id}`);
    expect(res.body.settings).toEqual({ pageId: PAGE_ID, apiBaseUrl: fake.url, apiVersion: 'v21.0' });
    expect(res.body.secretsSet).toEqual(['appSecret', 'pageAccessToken', 'verifyToken']);
  });
  afterAll(async () => {
    await fake.close();
    await p.drop();
  });

  it('answers the verification handshake only with the right verify token', async () => {
    const ok = await fetch(`${p.url}${channel.webhookUrl}?hub.mode=subscribe&hub.verify_token=${settings.verifyToken}&hub.challenge=987654`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('987654');
    const wrong = await fetch(`${p.url}${channel.webhookUrl}?hub.mode=subscribe&hub.verify_token=nope-nope&hub.challenge=987654`);
    expect(wrong.status).toBe(403);
  });

  it('refuses forged and unsigned deliveries without storing them, and stores a replay once', async () => {
    const body = fake.customerMessage({ mid: 'm_first', psid: '7001', text: 'Hallo, wo bleibt meine Bestellung?' });
    expect((await deliver(p, channel.webhookUrl, body, metaDeliveryHeaders('wrong-app-secret', body))).status).toBe(401);
    expect((await deliver(p, channel.webhookUrl, body, { 'content-type': 'application/json' })).status).toBe(401);
    expect(await conversationCount(p, t)).toBe(0);
    expect((await signed(body)).status).toBe(200);
    const replay = await signed(body);
    expect(replay.status).toBe(200);
    expect(JSON.parse(replay.text)).toMatchObject({ received: 1, stored: 0 });
    const conv = await conversationOf(p, t, 'm_first');
    expect(conv.visibility).toBe('private');
    expect(await conversationMessages(p, t, conv.id)).toHaveLength(1);
  });

  it('reads a malformed comment as a client error and stores nothing of the delivery', async () => {
    const body = JSON.stringify({ object: 'page', entry: [{ id: PAGE_ID, changes: [{ field: 'feed', value: { item: 'comment', verb: 'add', comment_id: 'x' } }] }] });
    const res = await signed(body);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text)).toMatchObject({ error: { code: 'invalid' } });
  });

  it('makes each comment thread a public conversation and answers it publicly under the comment', async () => {
    const before = await conversationCount(p, t);
    await signed(fake.comment({ commentId: `${POST_ID}_9001`, postId: POST_ID, fromId: '3100', fromName: 'Petra Lang', text: 'Seit zwei Wochen keine Antwort vom Kundenservice!' }));
    await signed(fake.comment({ commentId: `${POST_ID}_9002`, postId: POST_ID, parentId: `${POST_ID}_9001`, fromId: '3100', fromName: 'Petra Lang', text: 'Hallo??' }));
    await signed(fake.comment({ commentId: `${POST_ID}_9003`, postId: POST_ID, fromId: '3200', fromName: 'Ali Demir', text: 'Tolles Produkt 😍' }));
    // The Page's own comment is its reply, not a customer's message.
    await signed(fake.comment({ commentId: `${POST_ID}_9004`, postId: POST_ID, parentId: `${POST_ID}_9001`, fromId: PAGE_ID, fromName: 'Shop', text: 'Wir melden uns.' }));
    expect(await conversationCount(p, t)).toBe(before + 2);
    const thread = await conversationOf(p, t, `${POST_ID}_9001`);
    expect(thread.visibility).toBe('public');
    expect(thread.contact.name).toBe('Petra Lang');
    expect((await conversationMessages(p, t, thread.id)).map((m) => m.externalId)).toEqual([`${POST_ID}_9001`, `${POST_ID}_9002`]);

    const stream = await openStream(p, t.token);
    const id = await reply(thread.id, 'Das tut uns leid, Frau Lang – wir kümmern uns sofort.');
    const sent = await settled(stream, id, 'sent');
    expect(sent.data.visibility).toBe('public');
    const call = fake.commentReplies.at(-1);
    expect(call?.path).toBe(`/v21.0/${POST_ID}_9002/comments`);
    expect(call?.json).toEqual({ message: 'Das tut uns leid, Frau Lang – wir kümmern uns sofort.' });
    expect(call?.headers.authorization).toBe(`Bearer ${settings.pageAccessToken}`);
    expect(String(sent.data.externalId)).toMatch(new RegExp(`^${PAGE_ID}_`));
    stream.close();
  });

  it('moves a public comment to a private reply in Messenger, once per comment as Meta allows', async () => {
    await signed(fake.comment({ commentId: `${POST_ID}_9100`, postId: POST_ID, fromId: '3300', fromName: 'Jonas Weber', text: 'Meine Rechnung ist falsch, Kundennummer folgt.' }));
    const thread = await conversationOf(p, t, `${POST_ID}_9100`);
    const stream = await openStream(p, t.token);
    const first = await reply(thread.id, 'Bitte schreiben Sie uns Ihre Kundennummer privat.', 'private');
    const sent = await settled(stream, first, 'sent');
    expect(sent.data.visibility).toBe('private');
    expect(fake.state.sent.at(-1)?.json).toEqual({ recipient: { comment_id: `${POST_ID}_9100` }, message: { text: 'Bitte schreiben Sie uns Ihre Kundennummer privat.' } });
    expect(String(sent.data.externalId)).toMatch(/^m_/);
    const repliesBefore = fake.commentReplies.length;

    const second = await reply(thread.id, 'Noch eine private Nachricht.', 'private');
    const failed = await settled(stream, second, 'failed');
    expect(String(failed.data.deliveryError)).toMatch(/Activity already replied to.*10900/);
    expect(fake.commentReplies.length).toBe(repliesBefore);
    stream.close();
  });

  it('answers Messenger within 24 hours, as a human agent up to 7 days, and refuses after', async () => {
    await signed(fake.customerMessage({ mid: 'm_fresh', psid: '7100', text: 'Kann ich umtauschen?' }));
    await signed(fake.customerMessage({ mid: 'm_day_old', psid: '7200', text: 'Ich warte auf Rückruf.', at: new Date(Date.now() - 30 * HOUR) }));
    await signed(fake.customerMessage({ mid: 'm_week_old', psid: '7300', text: 'Hallo?', at: new Date(Date.now() - 8 * 24 * HOUR) }));
    const stream = await openStream(p, t.token);

    // A business-use-case limit is waited out and the message still goes.
    fake.failNext(businessUseCaseLimit(80006, 0));
    const fresh = await reply((await conversationOf(p, t, 'm_fresh')).id, 'Ja, innerhalb von 30 Tagen.');
    await settled(stream, fresh, 'sent', 15_000);
    expect(fake.calls.at(-2)?.path).toBe('/v21.0/me/messages');
    expect(fake.state.sent.at(-1)?.json).toEqual({ recipient: { id: '7100' }, messaging_type: 'RESPONSE', message: { text: 'Ja, innerhalb von 30 Tagen.' } });

    const late = await reply((await conversationOf(p, t, 'm_day_old')).id, 'Entschuldigung, wir rufen heute an.');
    await settled(stream, late, 'sent');
    expect(fake.state.sent.at(-1)?.json).toMatchObject({ recipient: { id: '7200' }, messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' });

    const sentBefore = fake.state.sent.length;
    const tooLate = await reply((await conversationOf(p, t, 'm_week_old')).id, 'Sind Sie noch da?');
    const failed = await settled(stream, tooLate, 'failed');
    expect(String(failed.data.deliveryError)).toMatch(/7 days/);
    expect(fake.state.sent.length).toBe(sentBefore);
    stream.close();
  }, 30_000);

  it('shows Meta\'s reason when the Page token is refused, and never returns secrets', async () => {
    await signed(fake.customerMessage({ mid: 'm_token', psid: '7400', text: 'Test' }));
    await api(p, 'PATCH', `/api/v1/channels/${channel.id}`, t.token, { secrets: { pageAccessToken: 'EAAB-revoked-token' } });
    const stream = await openStream(p, t.token);
    const id = await reply((await conversationOf(p, t, 'm_token')).id, 'Hallo!');
    const failed = await settled(stream, id, 'failed');
    expect(String(failed.data.deliveryError)).toMatch(/Invalid OAuth access token.*190/);
    const shown = await api(p, 'GET', `/api/v1/channels/${channel.id}`, t.token);
    expect(JSON.stringify(shown.body)).not.toMatch(/EAAB|fb-app-secret|fb-verify-token/);
    stream.close();
  });
});
