import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type InstagramFake, startInstagramFake } from '../../src/channels/instagram/fake.js';
import { businessUseCaseLimit, metaDeliveryHeaders } from '../../src/channels/meta/fake.js';
import { backends } from '../support/backends.js';
import { agentReply, conversationCount, conversationMessages, conversationOf, deliver, settled } from '../support/channel-helpers.js';
import { api, createTenant, openStream, startTestParley, type Tenant, type TestParley } from '../support/parley.js';

const backend = backends()[0];
const ACCOUNT = '17841400000000001';
const MEDIA = '17900000000000042';
const settings = { appSecret: 'ig-app-secret-0123', verifyToken: 'ig-verify-token', accountId: ACCOUNT, accessToken: 'IGQ-access-token-123' };
const DAY = 24 * 3600_000;

describe('Instagram channel', () => {
  let p: TestParley;
  let t: Tenant;
  let fake: InstagramFake;
  let channel: { id: string; webhookUrl: string };

  const signed = (body: string) => deliver(p, channel.webhookUrl, body, metaDeliveryHeaders(settings.appSecret, body));
  const reply = (conversationId: string, text: string, visibility?: 'public' | 'private') => agentReply(p, t, conversationId, text, visibility);

  beforeAll(async () => {
    if (!backend) throw new Error('no backend');
    p = await startTestParley(backend);
    t = await createTenant(p);
    fake = await startInstagramFake({ accessToken: settings.accessToken, accountId: ACCOUNT });
    const res = await api<{ id: string; webhookUrl: string; settings: Record<string, unknown>; secretsSet: string[] }>(p, 'POST', '/api/v1/channels', t.token, { type: 'instagram', name: 'Instagram', settings: { ...settings, apiBaseUrl: fake.url } });
    expect(res.status).toBe(201);
    channel = res.body;
    expect(channel.webhookUrl).toBe(`/webhooks/instagram/${channel.id}`);
    expect(res.body.secretsSet).toEqual(['accessToken', 'appSecret', 'verifyToken']);
  });
  afterAll(async () => {
    await fake.close();
    await p.drop();
  });

  it('answers the handshake and refuses forged deliveries without storing them', async () => {
    const ok = await fetch(`${p.url}${channel.webhookUrl}?hub.mode=subscribe&hub.verify_token=${settings.verifyToken}&hub.challenge=42424242`);
    expect(await ok.text()).toBe('42424242');
    const body = fake.customerMessage({ mid: 'aWdfZAG1', igsid: '6100', text: 'Hi! Gibt es den Pulli noch in M?' });
    expect((await deliver(p, channel.webhookUrl, body, metaDeliveryHeaders('forged-secret-x', body))).status).toBe(401);
    expect(await conversationCount(p, t)).toBe(0);
    expect((await signed(body)).status).toBe(200);
    expect(JSON.parse((await signed(body)).text)).toMatchObject({ received: 1, stored: 0 });
  });

  it('threads comments under their top-level comment and replies there publicly', async () => {
    await signed(fake.comment({ id: '18000000000000001', mediaId: MEDIA, fromId: '6200', username: 'mia.k', text: 'Wann kommt die neue Kollektion?' }));
    await signed(fake.comment({ id: '18000000000000002', mediaId: MEDIA, parentId: '18000000000000001', fromId: '6200', username: 'mia.k', text: 'Und in welchen Größen?' }));
    await signed(fake.comment({ id: '18000000000000003', mediaId: MEDIA, parentId: '18000000000000001', fromId: ACCOUNT, username: 'shop', text: 'Bald!' }));
    const thread = await conversationOf(p, t, '18000000000000001');
    expect(thread.visibility).toBe('public');
    expect(thread.contact.name).toBe('@mia.k');
    expect(await conversationMessages(p, t, thread.id)).toHaveLength(2);

    const stream = await openStream(p, t.token);
    fake.failNext(businessUseCaseLimit(80002, 0));
    const id = await reply(thread.id, 'Im März, in XS bis XL 💛');
    await settled(stream, id, 'sent', 15_000);
    const call = fake.commentReplies.at(-1);
    expect(call?.path).toBe('/v21.0/18000000000000001/replies');
    expect(call?.json).toEqual({ message: 'Im März, in XS bis XL 💛' });
    stream.close();
  }, 30_000);

  it('moves a comment to a private reply and keeps direct messages to the windows', async () => {
    await signed(fake.comment({ id: '18000000000000010', mediaId: MEDIA, fromId: '6300', username: 'tom_b', text: 'Meine Bestellung 4711 fehlt!' }));
    const thread = await conversationOf(p, t, '18000000000000010');
    const stream = await openStream(p, t.token);
    const privately = await reply(thread.id, 'Wir schreiben Ihnen direkt.', 'private');
    await settled(stream, privately, 'sent');
    expect(fake.state.sent.at(-1)?.json).toEqual({ recipient: { comment_id: '18000000000000010' }, message: { text: 'Wir schreiben Ihnen direkt.' } });

    await signed(fake.customerMessage({ mid: 'aWdfOld', igsid: '6400', text: 'Hallo?', at: new Date(Date.now() - 2 * DAY) }));
    const tagged = await reply((await conversationOf(p, t, 'aWdfOld')).id, 'Entschuldigung für die Verzögerung.');
    await settled(stream, tagged, 'sent');
    expect(fake.state.sent.at(-1)?.json).toMatchObject({ recipient: { id: '6400' }, messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' });

    // Instagram's own limit is shorter than Messenger's: its refusal reaches the agent as it is.
    const long = await reply((await conversationOf(p, t, 'aWdfZAG1')).id, 'x'.repeat(1001));
    const failed = await settled(stream, long, 'failed');
    expect(String(failed.data.deliveryError)).toMatch(/less than or equal to 1000.*\[100\]/);
    stream.close();
  }, 30_000);
});
