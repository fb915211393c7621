import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTelegramFake, type TelegramFake, telegramTextUpdate, tooManyRequests } from '../../src/channels/telegram/fake.js';
import { backends } from '../support/backends.js';
import { conversationOf as conversationOfMessage } from '../support/channel-helpers.js';
import { api, createTenant, openStream, startTestParley, type Tenant, type TestParley } from '../support/parley.js';

const backend = backends()[0];
const BOT_TOKEN = '7012345678:AAF-test_token_abcdefghijklmnopqrs';
const SECRET = 'tg-secret-token-0123456789';

type Msg = { id: string; externalId: string | null; deliveryStatus: string | null };

describe('Telegram bot channel', () => {
  let p: TestParley;
  let t: Tenant;
  let fake: TelegramFake;
  let channel: { id: string; webhookUrl: string };

  const post = async (body: unknown, secret: string | null) => {
    const res = await fetch(p.url + channel.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...(secret !== null && { 'x-telegram-bot-api-secret-token': secret }) }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  const conversationOf = async (externalId: string) => (await conversationOfMessage(p, t, externalId)).id;

  beforeAll(async () => {
    if (!backend) throw new Error('no backend');
    p = await startTestParley(backend);
    t = await createTenant(p);
    fake = await startTelegramFake(BOT_TOKEN);
    const res = await api<{ id: string; webhookUrl: string; settings: Record<string, unknown>; secretsSet: string[] }>(p, 'POST', '/api/v1/channels', t.token, {
      type: 'telegram',
      name: 'Telegram Bot',
      settings: { botToken: BOT_TOKEN, secretToken: SECRET, apiBaseUrl: fake.url },
    });
    expect(res.status).toBe(201);
    channel = res.body;
    expect(channel.webhookUrl).toBe(`/webhooks/telegram/${channel.id}`);
    expect(res.body.secretsSet).toEqual(['botToken', 'secretToken']);
    expect(JSON.stringify(res.body)).not.toContain(BOT_TOKEN);
  });
  afterAll(async () => {
    await fake.close();
    await p.drop();
  });

  it('registers its webhook with setWebhook and the secret token', async () => {
    const res = await api<{ webhookUrl: string }>(p, 'POST', `/api/v1/channels/${channel.id}/register-webhook`, t.token, { publicUrl: 'https://support.example.de' });
    expect(res.status).toBe(200);
    expect(fake.webhook).toEqual({ url: `https://support.example.de/webhooks/telegram/${channel.id}`, secretToken: SECRET });
    expect((await api(p, 'POST', `/api/v1/channels/${channel.id}/register-webhook`, t.tokens.agent, { publicUrl: 'https://x.example' })).status).toBe(403);
  });

  it('accepts updates only with the secret token header, and stores a replayed update once', async () => {
    const update = telegramTextUpdate(1001, { chatId: 55501, messageId: 7, firstName: 'Lukas', lastName: 'Bauer', text: 'Moin, wo ist meine Rechnung?' });
    expect((await post(update, null)).status).toBe(401);
    expect((await post(update, 'wrong-secret-token-000')).status).toBe(401);
    expect((await api<{ items: unknown[] }>(p, 'GET', '/api/v1/conversations', t.token)).body.items).toHaveLength(0);
    expect(await post(update, SECRET)).toMatchObject({ status: 200, body: { stored: 1 } });
    expect(await post(update, SECRET)).toMatchObject({ status: 200, body: { stored: 0 } });
    const conversationId = await conversationOf('55501:7');
    const conv = await api<{ contact: { name: string }; messages: Msg[] }>(p, 'GET', `/api/v1/conversations/${conversationId}`, t.token);
    expect(conv.body.contact.name).toBe('Lukas Bauer');
    expect(conv.body.messages).toHaveLength(1);
    expect((await post({ update_id: 'x' }, SECRET)).status).toBe(400);
  });

  it('replies with sendMessage and waits out retry_after', async () => {
    await post(telegramTextUpdate(1002, { chatId: 55502, messageId: 9, firstName: 'Mia', text: 'Hallo?' }), SECRET);
    const conversationId = await conversationOf('55502:9');
    const stream = await openStream(p, t.token);
    fake.failNext(tooManyRequests(1));
    const reply = await api<{ id: string }>(p, 'POST', `/api/v1/conversations/${conversationId}/messages`, t.tokens.agent, { text: 'Hallo Mia, wie können wir helfen?', type: 'reply' });
    const sent = await stream.waitFor((e) => e.type === 'message.updated' && e.data.id === reply.body.id && e.data.deliveryStatus === 'sent', 15_000);
    expect(fake.sent.at(-1)?.json).toMatchObject({ chat_id: '55502', text: 'Hallo Mia, wie können wir helfen?' });
    expect(String(sent.data.externalId)).toMatch(/^55502:\d+$/);
    expect(fake.calls.filter((c) => c.path.endsWith('/sendMessage')).length).toBeGreaterThanOrEqual(2);
    stream.close();
  }, 30_000);

  it('falls back to getUpdates polling when set to polling mode', async () => {
    // A second bot: Telegram refuses getUpdates to a bot whose webhook is set, and so does the fake.
    const token = '7098765432:AAG-polling_token_abcdefghijklmn';
    const polling = await startTelegramFake(token);
    try {
      const created = await api(p, 'POST', '/api/v1/channels', t.token, { type: 'telegram', name: 'Polling Bot', settings: { botToken: token, secretToken: 'another-secret-token-42', apiBaseUrl: polling.url, mode: 'polling' } });
      expect(created.status).toBe(201);
      polling.pending.push(telegramTextUpdate(2001, { chatId: 55503, messageId: 1, firstName: 'Emre', text: 'Ist der Laden heute offen?' }));
      const deadline = Date.now() + 15_000;
      let found: string | null = null;
      while (!found && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 500));
        found = await conversationOf('55503:1').catch(() => null);
      }
      expect(found).not.toBeNull();
      // The stored update is confirmed with the next offset, so it is not handed out again.
      await new Promise((r) => setTimeout(r, 2_500));
      expect(polling.pending).toHaveLength(0);
    } finally {
      await polling.close();
    }
  }, 30_000);
});
