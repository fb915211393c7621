import http from 'node:http';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../support/backends.js';
import { api, createTenant, type Tenant, type TestParley } from '../support/parley.js';
import { CHROMIUM_OPTIONS, ensureWebBuild, startTestParleyWithWeb } from '../support/parley-web.js';

const backend = backends()[0];

/** A customer's shop on another origin, embedding the widget as the settings page tells them to. */
async function startShop(page: () => string) {
  const server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return { url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('web chat widget in Chromium on a customer\'s site', () => {
  let parley: TestParley;
  let t: Tenant;
  let browser: Browser;
  let shop: Awaited<ReturnType<typeof startShop>>;
  let channelId = '';

  beforeAll(async () => {
    if (!backend) throw new Error('no backend');
    await ensureWebBuild();
    parley = await startTestParleyWithWeb(backend);
    t = await createTenant(parley);
    shop = await startShop(() => `<!doctype html><html lang="de"><body><h1>Schuhladen</h1><script src="${parley.url}/widget.js" data-channel="${channelId}" data-locale="de"></script></body></html>`);
    const res = await api<{ id: string }>(parley, 'POST', '/api/v1/channels', t.token, { type: 'webchat', name: 'Shop chat', settings: { allowedOrigins: [shop.url], preChatForm: true, offlineByBusinessHours: false } });
    channelId = res.body.id;
    browser = await chromium.launch(CHROMIUM_OPTIONS);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await shop?.close();
    await parley?.drop();
  });

  async function conversationOfVisitor(): Promise<string> {
    for (let i = 0; i < 50; i++) {
      const list = await api<{ items: { id: string; channelId: string }[] }>(parley, 'GET', `/api/v1/conversations?channelId=${channelId}`, t.token);
      if (list.body.items[0]) return list.body.items[0].id;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the visitor\'s message never arrived');
  }

  it('chats live: pre-chat details, the agent\'s typing and reply, markup shown as text, history after a reload', async () => {
    const context = await browser.newContext({ locale: 'de-DE' });
    const page = await context.newPage();
    await page.goto(shop.url);
    await page.locator('#parley-widget button.launcher').click();
    await page.locator('#parley-widget header strong').filter({ hasText: /Workspace/ }).waitFor();
    await page.locator('#parley-widget .note').filter({ hasText: 'Hallo! Wie können wir helfen?' }).waitFor();
    await page.locator('#parley-widget input[name="name"]').fill('Jonas Weber');
    await page.locator('#parley-widget input[name="email"]').fill('jonas@example.de');
    await page.locator('#parley-widget textarea').fill('Gibt es die Sneaker auch in 44?');
    await page.locator('#parley-widget textarea').press('Enter');
    await page.locator('#parley-widget .msg.inbound').filter({ hasText: 'Gibt es die Sneaker auch in 44?' }).waitFor();

    const conversationId = await conversationOfVisitor();
    const conv = await api<{ contact: { email: string; name: string } }>(parley, 'GET', `/api/v1/conversations/${conversationId}`, t.token);
    expect(conv.body.contact).toMatchObject({ email: 'jonas@example.de', name: 'Jonas Weber' });
    // Once known, the details are not asked for again.
    expect(await page.locator('#parley-widget input[name="email"]').isHidden()).toBe(true);

    await api(parley, 'POST', `/api/v1/conversations/${conversationId}/typing`, t.tokens.agent, { typing: true });
    await page.locator('#parley-widget .typing').filter({ hasText: 'schreibt…' }).waitFor();
    const payload = 'Ja! <img src=x onerror="window.__owned=1"> <script>window.__owned=2</script>';
    await api(parley, 'POST', `/api/v1/conversations/${conversationId}/messages`, t.tokens.agent, { text: payload, type: 'reply' });
    await page.locator('#parley-widget .msg.outbound').filter({ hasText: 'Ja! <img src=x' }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { __owned?: number }).__owned)).toBeUndefined();
    await page.locator('#parley-widget input[name="file"]').setInputFiles({ name: 'schuhkarton.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('jpeg-bytes') });
    await page.locator('#parley-widget textarea').fill('So sieht der Karton aus');
    await page.locator('#parley-widget textarea').press('Enter');
    await page.locator('#parley-widget .msg.inbound a').filter({ hasText: 'schuhkarton.jpg' }).waitFor();
    const stored = await parley.db.selectFrom('attachments').select(['filename', 'contentType']).where('filename', '=', 'schuhkarton.jpg').executeTakeFirstOrThrow();
    expect(stored.contentType).toBe('image/jpeg');
    await page.screenshot({ path: 'test-results/widget-chat.png' });

    await page.reload();
    await page.locator('#parley-widget button.launcher').click();
    await page.locator('#parley-widget .msg').nth(2).waitFor();
    expect(await page.locator('#parley-widget .msg').allTextContents()).toEqual(['Gibt es die Sneaker auch in 44?', payload, 'So sieht der Karton aus📎 schuhkarton.jpg']);
    await context.close();
  }, 60_000);

  it('does not talk to a site the channel does not allow', async () => {
    const other = await startShop(() => `<!doctype html><body><script src="${parley.url}/widget.js" data-channel="${channelId}" data-locale="en"></script></body>`);
    try {
      const context = await browser.newContext({ locale: 'en-GB' });
      const page = await context.newPage();
      await page.goto(other.url.replace('127.0.0.1', 'localhost'));
      await page.locator('#parley-widget button.launcher').click();
      await page.locator('#parley-widget .error').filter({ hasText: 'could not be sent' }).waitFor();
      await context.close();
    } finally {
      await other.close();
    }
  }, 30_000);
});
