import nodemailer from 'nodemailer';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { telegramTextUpdate } from '../../src/channels/telegram/fake.js';
import { backends } from '../support/backends.js';
import { deliver } from '../support/channel-helpers.js';
import { api, createTenant, startTestParley, type Tenant, type TestParley } from '../support/parley.js';
import { CHROMIUM_OPTIONS, ensureWebBuild, WEB_DIST } from '../support/parley-web.js';

const backend = backends()[0];

/**
 * Hostile markup as customers and strangers could send it. Each payload that runs sets the
 * `window.__xss` canary or opens a dialog; each that loads anything asks evil.test.
 */
const CORPUS: Record<string, string> = {
  script: `<script>window.__xss='script'</script>`,
  img: `<img src=x onerror="window.__xss='img'">`,
  jsLink: `<a href="javascript:window.__xss='jsLink'">Rechnung</a>`,
  jsLinkEntities: `<a href="jav&#x09;ascript:window.__xss='jsLinkEntities'">Rechnung</a>`,
  dataLink: `<a href="data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==">Beleg</a>`,
  svg: `<svg onload="window.__xss='svg'"><circle r="9"/><image href="http://evil.test/svg.png"/></svg>`,
  mathml: `<math><mtext><table><mglyph><style><img src=x onerror="window.__xss='mathml'"></style></mglyph></table></mtext></math>`,
  xmp: `<xmp><img src=x onerror="window.__xss='xmp'"></xmp>`,
  noscript: `<noscript><p title="</noscript><img src=x onerror=window.__xss='noscript'>"></p></noscript>`,
  css: `<div style="background:url(http://evil.test/css.png)">Hallo</div><style>@import 'http://evil.test/import.css';</style>`,
  iframe: `<iframe src="javascript:parent.__xss='iframe'"></iframe><iframe srcdoc="<script>parent.__xss='srcdoc'</script>"></iframe>`,
  events: `<details open ontoggle="window.__xss='details'"><summary>x</summary></details><body onload="window.__xss='body'">`,
  remote: `<img src="http://evil.test/pixel.gif"><video poster="http://evil.test/poster.png"></video><link rel="stylesheet" href="http://evil.test/x.css">`,
  base: `<base href="http://evil.test/"><meta http-equiv="refresh" content="0;url=http://evil.test/refresh"><form action="http://evil.test/form"><button>Senden</button></form>`,
  attribute: `"><script>window.__xss='attribute'</script><img src=x onerror=alert(1)>`,
  template: `{{constructor.constructor('window.__xss=1')()}} \${window.__xss='tpl'}`,
};
const PAYLOADS = Object.entries(CORPUS);
const FOREIGN = /^(https?|wss?|ftp):\/\/(?!127\.0\.0\.1)/;

describe('hostile markup through every way in, rendered in Chromium', () => {
  let p: TestParley;
  let t: Tenant;
  let browser: Browser;
  let page: Page;
  const dialogs: string[] = [];
  const foreignRequests: string[] = [];

  beforeAll(async () => {
    if (!backend) throw new Error('no backend');
    await ensureWebBuild();
    p = await startTestParley(backend, 'in-process', { webDir: WEB_DIST, smtp: true });
    t = await createTenant(p);
    const create = async (body: Record<string, unknown>) => (await api<{ id: string }>(p, 'POST', '/api/v1/channels', t.token, body)).body.id;
    const apiChannel = await create({ type: 'api', name: 'Shop API' });
    await create({ type: 'email', name: 'Support', settings: { address: 'support@xss.example' } });
    const webchat = await create({ type: 'webchat', name: 'Website' });
    const telegram = await create({ type: 'telegram', name: 'Telegram', settings: { botToken: '123456:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', secretToken: 'telegram-secret-0000', apiBaseUrl: 'http://127.0.0.1:9' } });
    const reviews = await create({ type: 'review_import', name: 'Trusted Shops', settings: { portal: 'Trusted Shops' } });
    expect((await api(p, 'POST', '/api/v1/listening/queries', t.token, { name: 'Marke', query: 'Nordlicht' })).status).toBe(201);

    const mail = nodemailer.createTransport({ host: '127.0.0.1', port: p.smtpPort ?? 0, secure: false, ignoreTLS: true });
    for (const [i, [name, payload]] of PAYLOADS.entries()) {
      const short = payload.slice(0, 190);
      const inbound = await api(p, 'POST', `/api/v1/channels/${apiChannel}/inbound`, t.token, { externalId: `api-${name}`, from: { id: `api-${name}`, name: short }, subject: payload, text: payload, html: payload });
      expect(inbound.status).toBe(202);
      await mail.sendMail({ from: { name: short, address: `sender${i}@customer.example` }, to: 'support@xss.example', subject: payload, html: payload, text: payload, attachments: [{ filename: `${short.replace(/[/\\]/g, '_')}.txt`, content: 'hallo' }] });
      const visitor = await api<{ token: string }>(p, 'POST', `/api/v1/widget/${webchat}/visitors`, null);
      expect((await api(p, 'POST', `/api/v1/widget/${webchat}/messages`, null, { clientId: crypto.randomUUID(), text: payload, name: short }, { 'x-parley-visitor': visitor.body.token })).status).toBe(201);
      const update = telegramTextUpdate(5000 + i, { chatId: 77000 + i, messageId: i + 1, firstName: short, lastName: '<b onmouseover=alert(1)>', text: payload });
      expect((await deliver(p, `/webhooks/telegram/${telegram}`, JSON.stringify(update), { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'telegram-secret-0000' })).status).toBe(200);
      expect((await api(p, 'POST', '/api/v1/listening/posts', t.token, { source: 'x', externalId: `post-${name}`, text: `Nordlicht ${payload}`, author: short })).status).toBe(201);
    }
    mail.close();
    const imported = await api(p, 'POST', `/api/v1/channels/${reviews}/reviews/import`, t.token, { format: 'json', content: JSON.stringify(PAYLOADS.map(([name, payload]) => ({ id: `r-${name}`, date: '2026-03-01', rating: 1, author: payload.slice(0, 190), title: payload, text: payload, language: 'de' }))) });
    expect(imported.status).toBe(200);
    // A link a listening source reports must not become a script link either.
    const jsUrl = await api(p, 'POST', '/api/v1/listening/posts', t.token, { source: 'x', externalId: 'post-url', text: 'Nordlicht Link', url: "javascript:window.__xss='url'" });
    expect(jsUrl.status).toBe(400);

    // Five ways in, one conversation per payload each (reviews and posts count separately).
    const expected = PAYLOADS.length * 5;
    for (let i = 0; i < 100; i++) {
      const list = await api<{ items: unknown[] }>(p, 'GET', '/api/v1/conversations?limit=200&status=open', t.token);
      if (list.body.items.length >= expected) break;
      await new Promise((r) => setTimeout(r, 100));
    }

    browser = await chromium.launch(CHROMIUM_OPTIONS);
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'de-DE' });
    page = await context.newPage();
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('request', (r) => {
      if (FOREIGN.test(r.url())) foreignRequests.push(r.url());
    });
    // Nothing leaves the machine: foreign requests are recorded above, then refused.
    await context.route((url) => FOREIGN.test(url.toString()), (route) => route.abort());
    await page.goto(p.url);
    await page.getByTestId('login-email').fill(t.adminEmail);
    await page.getByTestId('login-password').fill(t.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('logout').waitFor();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await p?.drop();
  });

  async function assertInert(where: string): Promise<void> {
    const found = await page.evaluate(() => {
      const canary = (window as unknown as { __xss?: unknown }).__xss;
      const links = [...document.querySelectorAll('a[href], area[href], form[action], iframe, object, embed, base, meta[http-equiv]')].map((e) => e.outerHTML.slice(0, 120));
      const handlers = [...document.querySelectorAll('*')].flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${e.tagName} ${a.name}`));
      const scriptLinks = [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href') ?? '').filter((h) => !/^(https?:|mailto:|tel:|\/|#)/i.test(h.trim()));
      return { canary: canary === undefined ? null : String(canary), handlers, scriptLinks, frames: links.filter((l) => /^<(iframe|object|embed|base|meta)/i.test(l)) };
    });
    expect(found, where).toEqual({ canary: null, handlers: [], scriptLinks: [], frames: [] });
    expect(dialogs, where).toEqual([]);
    expect(foreignRequests, where).toEqual([]);
  }

  async function open(path: string): Promise<void> {
    await page.evaluate((to) => {
      window.history.pushState(null, '', to);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, path);
  }

  it('shows the inbox of hostile conversations without running or loading anything', async () => {
    await page.getByTestId('inbox-row').first().waitFor();
    expect(await page.getByTestId('inbox-row').count()).toBeGreaterThan(10);
    await page.mouse.move(700, 300);
    await assertInert('inbox');
  });

  it('opens every conversation with its contact panel: the payloads show as text, nothing runs', async () => {
    const list = await api<{ items: { id: string; channelType: string }[] }>(p, 'GET', '/api/v1/conversations?limit=200&status=open', t.token);
    expect(list.body.items.length).toBeGreaterThanOrEqual(PAYLOADS.length * 5);
    expect(new Set(list.body.items.map((c) => c.channelType))).toEqual(new Set(['api', 'email', 'webchat', 'telegram', 'review_import']));
    let shownAsText = 0;
    for (const c of list.body.items) {
      await open(`/c/${c.id}`);
      await page.getByTestId('conversation-message').first().waitFor();
      await page.getByTestId('contact-panel').locator('h2').waitFor();
      // Hovering and toggling what is there would fire handlers that survived.
      await page.getByTestId('conversation-message').first().hover();
      if ((await page.getByTestId('conversation-message').first().innerText()).includes('window.__xss')) shownAsText++;
      await assertInert(`${c.channelType} conversation ${c.id}`);
    }
    // Text is shown as text: the payloads are readable, not swallowed.
    expect(shownAsText).toBeGreaterThan(PAYLOADS.length);
  }, 240_000);

  it('shows the listening page with hostile posts and authors without running or loading anything', async () => {
    await open('/listening');
    await page.getByTestId('listening-query').first().click();
    await page.getByTestId('mention-outreach').first().waitFor();
    expect(await page.locator('body').innerText()).toContain('window.__xss');
    await assertInert('listening');
  });
});
