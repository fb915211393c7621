import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTelegramFake, telegramTextUpdate } from '../../src/channels/telegram/fake.js';
import { insertArticle } from '../support/articles.js';
import { backends } from '../support/backends.js';
import { api, createTenant, startTestParley, type Tenant, type TestParley } from '../support/parley.js';

const backend = backends()[0];

interface Msg {
  direction: string;
  text: string;
  visibility: string;
  meta: { bot?: { kind: string; articleId?: string } };
}

describe('first-level bot on the web chat', () => {
  let p: TestParley;
  let t: Tenant;
  let botChannel: string;
  let quietChannel: string;
  let articleId: string;
  let resolvedChat: { token: string; conversationId: string };

  async function chat(channelId: string, text: string, token?: string): Promise<{ token: string; conversationId: string }> {
    const visitor = token ?? (await api<{ token: string }>(p, 'POST', `/api/v1/widget/${channelId}/visitors`, null)).body.token;
    const res = await api<{ conversationId: string }>(p, 'POST', `/api/v1/widget/${channelId}/messages`, null, { clientId: randomUUID(), text }, { 'x-parley-visitor': visitor });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return { token: visitor, conversationId: res.body.conversationId };
  }
  const messages = async (conversationId: string) => (await api<{ messages: Msg[] }>(p, 'GET', `/api/v1/conversations/${conversationId}`, t.token)).body.messages;
  const conversation = async (conversationId: string) => (await api<{ status: string }>(p, 'GET', `/api/v1/conversations/${conversationId}`, t.token)).body;
  const history = async (conversationId: string) => (await api<{ items: { type: string; data: Record<string, unknown> }[] }>(p, 'GET', `/api/v1/conversations/${conversationId}/events`, t.token)).body.items;
  /** Waits until the bot has decided on the conversation's latest message. */
  async function decided(conversationId: string, count: number): Promise<Msg[]> {
    await expect.poll(async () => (await messages(conversationId)).filter((m) => m.meta.bot).length, { timeout: 15_000 }).toBeGreaterThanOrEqual(count);
    return messages(conversationId);
  }

  beforeAll(async () => {
    if (!backend) throw new Error('no backend');
    p = await startTestParley(backend);
    t = await createTenant(p);
    const create = async (name: string) => (await api<{ id: string }>(p, 'POST', '/api/v1/channels', t.token, { type: 'webchat', name, settings: { offlineByBusinessHours: false } })).body.id;
    botChannel = await create('Shop chat');
    quietChannel = await create('Service chat');
    articleId = (
      await insertArticle(p, t.workspaceId, {
        title: 'Artikel zurücksenden',
        slug: 'ruecksendung',
        bodyMd: 'Sie können Artikel innerhalb von 30 Tagen zurückgeben. Drucken Sie im Kundenkonto das kostenlose Rücksendeetikett aus.\n\n## Beispielfragen\n- Wie schicke ich etwas zurück?\n- Wie funktioniert die Rücksendung?',
      })
    ).id;
    await insertArticle(p, t.workspaceId, { title: 'Versandkosten', bodyMd: 'Ab 50 Euro liefern wir versandkostenfrei.' });
    await insertArticle(p, t.workspaceId, { title: 'Returning an item', language: 'en', slug: 'returns', bodyMd: 'Print the free return label in your account and drop the parcel at a post office.\n\n## Example questions\n- How do I send something back?' });
    const res = await api(p, 'PUT', '/api/v1/kb/bot', t.token, {
      helpCenterUrl: 'https://hilfe.shop.example/help/shop',
      channels: [
        { channelId: botChannel, enabled: true, minConfidence: 0.6, hours: 'always' },
        { channelId: quietChannel, enabled: false },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  });
  afterAll(async () => p.drop());

  it('answers a question an article answers with its text and link, and a "ja" resolves it', async () => {
    const { token, conversationId } = await chat(botChannel, 'Hallo, wie schicke ich meine Bestellung zurück?');
    const [answer] = (await decided(conversationId, 1)).filter((m) => m.meta.bot);
    expect(answer).toMatchObject({ direction: 'outbound', meta: { bot: { kind: 'answer', articleId } } });
    expect(answer?.text).toContain('Drucken Sie im Kundenkonto das kostenlose Rücksendeetikett aus.');
    expect(answer?.text).toContain('https://hilfe.shop.example/help/shop/de/articles/ruecksendung');
    expect(answer?.text).toContain('Hat das geholfen?');
    expect(answer?.text).not.toContain('Beispielfragen');
    expect(await p.db.selectFrom('articleConversations').select('via').where('conversationId', '=', conversationId).execute()).toEqual([{ via: 'bot' }]);

    await chat(botChannel, 'Ja, danke!', token);
    await expect.poll(async () => (await conversation(conversationId)).status, { timeout: 15_000 }).toBe('resolved');
    expect((await history(conversationId)).map((e) => e.type)).toEqual(expect.arrayContaining(['bot.answered', 'bot.resolved']));
    resolvedChat = { token, conversationId };
  });

  it('hands over when the customer asks for a person, and stays silent afterwards', async () => {
    const { token, conversationId } = await chat(botChannel, 'Ich möchte mit einem Mitarbeiter sprechen');
    const msgs = await decided(conversationId, 2);
    expect(msgs.filter((m) => m.meta.bot).map((m) => m.meta.bot?.kind).sort()).toEqual(['handover', 'summary']);
    expect(msgs.find((m) => m.meta.bot?.kind === 'handover')).toMatchObject({ direction: 'outbound', text: expect.stringContaining('an unser Team weiter') });
    const note = msgs.find((m) => m.meta.bot?.kind === 'summary');
    expect(note).toMatchObject({ direction: 'note' });
    expect(note?.text).toContain('Kunde möchte mit einem Menschen sprechen');
    expect((await history(conversationId)).find((e) => e.type === 'bot.handed_over')?.data).toMatchObject({ reason: 'asked_for_person' });
    expect((await conversation(conversationId)).status).toBe('open');

    await chat(botChannel, 'Wie schicke ich etwas zurück?', token);
    await new Promise((r) => setTimeout(r, 1500));
    expect((await messages(conversationId)).filter((m) => m.meta.bot)).toHaveLength(2);
  });

  it('hands over a question no article answers', async () => {
    const { conversationId } = await chat(botChannel, 'Könnt ihr mir sagen, ob die Waschmaschine auch mit Starkstrom funktioniert?');
    await decided(conversationId, 1);
    expect((await history(conversationId)).find((e) => e.type === 'bot.handed_over')?.data).toMatchObject({ reason: 'low_confidence' });
  });

  it('hands over an urgent or angry message even when an article fits', async () => {
    const { conversationId } = await chat(botChannel, 'Das ist eine absolute Frechheit!!! Wie schicke ich den Mist zurück? Ich will sofort mein Geld, sonst gehe ich zum Anwalt!');
    await decided(conversationId, 1);
    const reason = (await history(conversationId)).find((e) => e.type === 'bot.handed_over')?.data.reason;
    expect(['urgent', 'negative']).toContain(reason);
  });

  it('hands over when the answer did not help, in English for an English customer', async () => {
    const { token, conversationId } = await chat(botChannel, 'Hi, how can I send my order back to you?');
    const [answer] = (await decided(conversationId, 1)).filter((m) => m.meta.bot);
    expect(answer?.text).toContain('Print the free return label');
    expect(answer?.text).toContain('https://hilfe.shop.example/help/shop/en/articles/returns');
    expect(answer?.text).toContain('Did that solve it?');
    await chat(botChannel, 'No, that did not help', token);
    await expect.poll(async () => (await history(conversationId)).find((e) => e.type === 'bot.handed_over')?.data.reason, { timeout: 15_000 }).toBe('not_helpful');
  });

  it('never answers on a channel where the bot is off', async () => {
    const { conversationId } = await chat(quietChannel, 'Wie schicke ich etwas zurück?');
    await new Promise((r) => setTimeout(r, 1500));
    expect((await messages(conversationId)).filter((m) => m.meta.bot)).toHaveLength(0);
    expect(await p.db.selectFrom('kbBotConversations').select('state').where('conversationId', '=', conversationId).execute()).toEqual([]);
  });

  it('reports per channel what the bot answered, resolved, handed over (by reason) and what reopened', async () => {
    await chat(botChannel, 'Doch noch eine Frage: das Etikett lässt sich nicht drucken', resolvedChat.token);
    await expect.poll(async () => (await history(resolvedChat.conversationId)).find((e) => e.type === 'bot.handed_over')?.data.reason, { timeout: 15_000 }).toBe('reopened');
    const res = await api<{ channels: { channelId: string; conversations: number; answeredByBot: number; resolvedByBot: number; handedOver: number; handedOverByReason: Record<string, number>; reopenedAfterBot: number }[] }>(
      p,
      'GET',
      `/api/v1/reports/bot?from=${encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString())}`,
      t.tokens.viewer,
    );
    expect(res.status).toBe(200);
    const [channel] = res.body.channels;
    expect(res.body.channels).toHaveLength(1);
    expect(channel).toMatchObject({ channelId: botChannel, conversations: 5, answeredByBot: 2, resolvedByBot: 1, handedOver: 5, reopenedAfterBot: 1 });
    expect(channel?.handedOverByReason).toMatchObject({ asked_for_person: 1, low_confidence: 1, not_helpful: 1, reopened: 1 });
    const bad = await api(p, 'GET', `/api/v1/reports/bot?from=${encodeURIComponent(new Date().toISOString())}&to=${encodeURIComponent(new Date(Date.now() - 1000).toISOString())}`, t.token);
    expect(bad.status).toBe(400);
    const foreign = await createTenant(p);
    expect((await api<{ channels: unknown[] }>(p, 'GET', '/api/v1/reports/bot', foreign.token)).body.channels).toEqual([]);
  });

  it('answers on Telegram too, through the channel\'s delivery', async () => {
    const botToken = '7012345678:AAF-test_token_abcdefghijklmnopqrs';
    const secretToken = 'tg-secret-token-0123456789';
    const fake = await startTelegramFake(botToken);
    try {
      const channel = (await api<{ id: string; webhookUrl: string }>(p, 'POST', '/api/v1/channels', t.token, { type: 'telegram', name: 'Telegram', settings: { botToken, secretToken, apiBaseUrl: fake.url } })).body;
      const settings = (await api<{ channels: { channelId: string; enabled: boolean; minConfidence: number; hours: string }[] }>(p, 'GET', '/api/v1/kb/bot', t.token)).body.channels;
      const channels = settings.map(({ channelId, enabled, minConfidence, hours }) => ({ channelId, enabled: channelId === channel.id ? true : enabled, minConfidence: channelId === channel.id ? 0.6 : minConfidence, hours }));
      expect((await api(p, 'PUT', '/api/v1/kb/bot', t.token, { helpCenterUrl: 'https://hilfe.shop.example/help/shop', channels })).status).toBe(200);
      const update = telegramTextUpdate(2001, { chatId: 66601, messageId: 9, firstName: 'Jana', lastName: 'Kurz', text: 'Wie funktioniert die Rücksendung bei euch?' });
      const res = await fetch(p.url + channel.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secretToken }, body: JSON.stringify(update) });
      expect(res.status).toBe(200);
      await expect.poll(() => JSON.stringify(fake.sent.map((r) => r.json)), { timeout: 15_000 }).toContain('https://hilfe.shop.example/help/shop/de/articles/ruecksendung');
      expect(fake.sent.at(-1)?.json).toMatchObject({ chat_id: '66601' });
    } finally {
      await fake.close();
    }
  });

  it('answers only outside business hours on a channel set so', async () => {
    const night = (await api<{ id: string }>(p, 'POST', '/api/v1/channels', t.token, { type: 'webchat', name: 'Night chat', settings: { offlineByBusinessHours: false } })).body.id;
    const settings = (await api<{ channels: { channelId: string; enabled: boolean; minConfidence: number; hours: string }[] }>(p, 'GET', '/api/v1/kb/bot', t.token)).body.channels;
    const channels = settings.map(({ channelId, enabled, minConfidence, hours }) => (channelId === night ? { channelId, enabled: true, minConfidence: 0.6, hours: 'outside' } : { channelId, enabled, minConfidence, hours }));
    expect((await api(p, 'PUT', '/api/v1/kb/bot', t.token, { helpCenterUrl: 'https://hilfe.shop.example/help/shop', channels })).status).toBe(200);
    const days = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
    const hours = (slots: { day: (typeof days)[number]; start: string; end: string }[]) =>
      api(p, 'PUT', '/api/v1/workspace/service-levels', t.token, { policies: [], calendar: { timeZone: 'UTC', slots, holidays: [] } });

    expect((await hours(days.map((day) => ({ day, start: '00:00', end: '23:59' })))).status).toBe(200);
    const during = await chat(night, 'Wie schicke ich etwas zurück?');
    await new Promise((r) => setTimeout(r, 1500));
    expect((await messages(during.conversationId)).filter((m) => m.meta.bot)).toHaveLength(0);

    const otherDay = days[(new Date().getUTCDay() + 3) % 7] ?? 'sun';
    expect((await hours([{ day: otherDay, start: '09:00', end: '10:00' }])).status).toBe(200);
    const outside = await chat(night, 'Wie schicke ich etwas zurück?');
    const [answer] = (await decided(outside.conversationId, 1)).filter((m) => m.meta.bot);
    expect(answer?.meta.bot).toMatchObject({ kind: 'answer', articleId });
  });

  it('refuses settings for foreign channels and channels the bot cannot work on, storing nothing', async () => {
    const other = await createTenant(p);
    const foreign = await api(p, 'PUT', '/api/v1/kb/bot', other.token, { helpCenterUrl: null, channels: [{ channelId: botChannel, enabled: false }] });
    expect(foreign.status).toBe(404);
    const email = (await api<{ id: string }>(p, 'POST', '/api/v1/channels', t.token, { type: 'api', name: 'API' })).body.id;
    expect((await api(p, 'PUT', '/api/v1/kb/bot', t.token, { helpCenterUrl: null, channels: [{ channelId: email, enabled: true }] })).status).toBe(400);
    expect((await api(p, 'PUT', '/api/v1/kb/bot', t.tokens.agent, { helpCenterUrl: null, channels: [] })).status).toBe(403);
    expect((await api(p, 'PUT', '/api/v1/kb/bot', t.token, { helpCenterUrl: 'javascript:alert(1)', channels: [] })).status).toBe(400);
    const settings = await api<{ helpCenterUrl: string; channels: { channelId: string; enabled: boolean }[] }>(p, 'GET', '/api/v1/kb/bot', t.tokens.viewer);
    expect(settings.body.helpCenterUrl).toBe('https://hilfe.shop.example/help/shop');
    expect(settings.body.channels.find((c) => c.channelId === botChannel)?.enabled).toBe(true);
  });
});
