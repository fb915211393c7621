import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../support/backends.js';
import { api, createTenant, type Tenant, type TestParley } from '../support/parley.js';
import { CHROMIUM_OPTIONS, ensureWebBuild, startTestParleyWithWeb } from '../support/parley-web.js';

const backend = backends()[0];

describe('outreach consent in the agent app', () => {
  let p: TestParley;
  let t: Tenant;
  let browser: Browser;
  let conversationId: string;

  beforeAll(async () => {
    if (!backend) throw new Error('no backend');
    await ensureWebBuild();
    p = await startTestParleyWithWeb(backend);
    t = await createTenant(p);
    const channel = await api<{ id: string }>(p, 'POST', '/api/v1/channels', t.token, { type: 'api', name: 'Social desk' });
    await api(p, 'POST', '/api/v1/listening/queries', t.token, { name: 'Marke', query: 'Nordlicht' });
    const post = await api<{ mentionId: string }>(p, 'POST', '/api/v1/listening/posts', t.token, { source: 'mastodon', externalId: 'toot-1', text: 'Nordlicht liefert einfach nicht', author: 'Frieda Fremd' });
    conversationId = (await api<{ conversationId: string }>(p, 'POST', `/api/v1/listening/mentions/${post.body.mentionId}/conversation`, t.token, { channelId: channel.body.id })).body.conversationId;
    browser = await chromium.launch(CHROMIUM_OPTIONS);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await p?.drop();
  });

  it('explains a refused private message and sends it once consent is recorded', async () => {
    const page = await (await browser.newContext({ locale: 'en-GB', viewport: { width: 1440, height: 900 } })).newPage();
    await page.goto(p.url);
    await page.getByTestId('login-email').fill(t.adminEmail);
    await page.getByTestId('login-password').fill(t.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('logout').waitFor();
    await page.goto(`${p.url}/c/${conversationId}`);
    await page.getByTestId('reply-visibility').selectOption('private');
    await page.getByTestId('reply-box').fill('Dürfen wir Ihnen privat schreiben?');
    await page.getByTestId('reply-send').click();
    const warning = page.getByTestId('consent-required');
    await warning.waitFor();
    expect(await warning.textContent()).toContain('Frieda Fremd has not written to us privately');

    await page.getByTestId('consent-record-link').click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('consent-source');
    await page.getByTestId('consent-source').fill('Asked for a private message in a reply');
    await page.getByTestId('consent-give').click();
    await page.getByTestId('consent-record').first().waitFor();
    await page.screenshot({ path: 'test-results/outreach-consent.png' });

    await page.getByTestId('reply-send').click();
    await page.getByTestId('conversation-message').filter({ hasText: 'Dürfen wir Ihnen privat schreiben?' }).waitFor();
    expect(await page.getByTestId('consent-required').count()).toBe(0);
  }, 60_000);
});
