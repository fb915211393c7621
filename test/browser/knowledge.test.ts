import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../support/backends.js';
import { api, type TestParley } from '../support/parley.js';
import { CHROMIUM_OPTIONS, startDemoParleyWithWeb } from '../support/parley-web.js';

const PASSWORD = 'browser-test-password';

for (const backend of backends().slice(0, 1)) {
  describe(`${backend.name}: knowledge base in the agent app and the help center`, () => {
    let parley: TestParley;
    let browser: Browser;
    let conversationId: string;

    beforeAll(async () => {
      const demo = await startDemoParleyWithWeb(backend, PASSWORD);
      parley = demo.parley;
      const token = demo.token;
      const channel = await api<{ id: string }>(parley, 'POST', '/api/v1/channels', token, { type: 'api', name: 'Shop API' });
      conversationId = (
        await api<{ conversationId: string }>(parley, 'POST', `/api/v1/channels/${channel.body.id}/inbound`, token, {
          externalId: 'kb-browser',
          from: { id: 'kb-browser', name: 'Karl Kaufmann' },
          text: 'Can I pay with a gift card? You can reach me at karl@example.org.',
        })
      ).body.conversationId;
      await api(parley, 'POST', `/api/v1/conversations/${conversationId}/messages`, token, { text: 'Yes: enter the gift card code at checkout, it covers any part of the order.' });
      await api(parley, 'PATCH', `/api/v1/conversations/${conversationId}`, token, { status: 'resolved' });
      browser = await chromium.launch(CHROMIUM_OPTIONS);
    }, 180_000);

    afterAll(async () => {
      await browser?.close();
      await parley?.drop();
    });

    async function login(email: string): Promise<Page> {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-GB' });
      const page = await context.newPage();
      await page.goto(parley.url);
      await page.getByTestId('login-email').fill(email);
      await page.getByTestId('login-password').fill(PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('inbox-row').first().waitFor();
      return page;
    }

    it('an agent drafts from a resolved conversation and edits, an admin publishes, and the help center finds it misspelt', async () => {
      const agent = await login('jonas@demo.example');
      await agent.goto(`${parley.url}/c/${conversationId}`);
      await agent.getByTestId('turn-into-faq').click();
      await agent.waitForURL(/\/knowledge\/[0-9a-f-]{36}$/);
      const articleId = agent.url().split('/').pop() ?? '';
      const title = agent.getByTestId('kb-title');
      await expect.poll(() => title.inputValue()).toBe('Can I pay with a gift card?');
      expect(await agent.getByTestId('kb-body').inputValue()).not.toContain('karl@example.org');

      await title.fill('Paying with a gift card');
      await agent.getByTestId('kb-body').fill('Enter the **gift card** code at checkout. It covers any part of the order.');
      await expect.poll(() => agent.getByTestId('kb-preview').innerHTML()).toContain('<strong>gift card</strong>');
      await agent.getByTestId('kb-save').click();
      await agent.getByTestId('kb-version').nth(1).waitFor();
      // Agents cannot publish: there is no button, and the status stays a draft.
      expect(await agent.getByTestId('kb-publish').count()).toBe(0);
      expect(await agent.getByTestId('kb-status').innerText()).toBe('Draft');
      // The history shows what changed since the first draft.
      await agent.getByTestId('kb-version').nth(1).click();
      await expect.poll(() => agent.getByTestId('kb-diff').innerText()).toContain('+ # Paying with a gift card');
      await agent.context().close();

      const admin = await login('admin@demo.example');
      await admin.goto(`${parley.url}/knowledge`);
      await admin.getByTestId('kb-search').fill('gift card');
      await admin.getByTestId('kb-article').filter({ hasText: 'Paying with a gift card' }).click();
      await admin.waitForURL(new RegExp(`/knowledge/${articleId}$`));
      await admin.getByTestId('kb-publish').click();
      await expect.poll(() => admin.getByTestId('kb-status').innerText()).toBe('Published');

      await admin.goto(`${parley.url}/help/demo/en/search?q=${encodeURIComponent('gift chekout')}`);
      const hit = admin.locator('.hits a', { hasText: 'Paying with a gift card' });
      await hit.click();
      await admin.locator('article h1', { hasText: 'Paying with a gift card' }).waitFor();
      expect(await admin.locator('article strong').innerText()).toBe('gift card');
      await admin.context().close();
    }, 120_000);
  });
}
