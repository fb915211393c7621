import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertArticle } from '../support/articles.js';
import { backends } from '../support/backends.js';
import { api, type TestParley } from '../support/parley.js';
import { CHROMIUM_OPTIONS, startDemoParleyWithWeb } from '../support/parley-web.js';

const PASSWORD = 'browser-test-password';
const ANSWER = 'Drucken Sie im Kundenkonto das kostenlose Rücksendeetikett aus und geben Sie das Paket in einer Filiale ab.';

for (const backend of backends().slice(0, 1)) {
  describe(`${backend.name}: suggested answers in the conversation view`, () => {
    let parley: TestParley;
    let browser: Browser;
    let conversationId: string;
    let articleId: string;
    let chatId: string;

    beforeAll(async () => {
      const demo = await startDemoParleyWithWeb(backend, PASSWORD);
      parley = demo.parley;
      const token = demo.token;
      articleId = (await insertArticle(parley, demo.workspaceId, { title: 'Rücksendung: Artikel zurückschicken', slug: 'zuruecksenden-test', bodyMd: ANSWER })).id;
      await api(parley, 'PUT', '/api/v1/kb/bot', token, { helpCenterUrl: 'https://hilfe.example/help/demo', channels: [] });
      const channel = await api<{ id: string }>(parley, 'POST', '/api/v1/channels', token, { type: 'api', name: 'Shop API' });
      conversationId = (await api<{ conversationId: string }>(parley, 'POST', `/api/v1/channels/${channel.body.id}/inbound`, token, { externalId: 'kb-browser', from: { id: 'kb-browser', name: 'Rita Retour' }, text: 'Wie kann ich die Jacke zurückschicken? Sie passt nicht.' })).body.conversationId;
      chatId = (await api<{ id: string }>(parley, 'POST', '/api/v1/channels', token, { type: 'webchat', name: 'Zz Bot-Chat' })).body.id;
      browser = await chromium.launch(CHROMIUM_OPTIONS);
    }, 180_000);

    afterAll(async () => {
      await browser?.close();
      await parley?.drop();
    });

    it('inserts the suggested article with its link into the reply and records it when sent', async () => {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'de-DE' });
      const page = await context.newPage();
      await page.goto(parley.url);
      await page.getByTestId('login-email').fill('admin@demo.example');
      await page.getByTestId('login-password').fill(PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('inbox-row').first().waitFor();
      await page.goto(`${parley.url}/c/${conversationId}`);

      const first = page.getByTestId('suggestion-article').first();
      await first.waitFor();
      expect(await first.innerText()).toContain('Rücksendung: Artikel zurückschicken');
      await first.getByTestId('suggestion-insert').click();
      const box = page.getByTestId('reply-box');
      expect(await box.inputValue()).toBe(`${ANSWER}\n\nhttps://hilfe.example/help/demo/de/articles/zuruecksenden-test`);
      await box.press('End');
      await box.type(' Viele Grüße');
      await page.getByTestId('reply-send').click();
      await expect.poll(async () => box.inputValue()).toBe('');
      const links = await parley.db.selectFrom('articleConversations').select(['articleId', 'via']).where('conversationId', '=', conversationId).execute();
      expect(links).toEqual([{ articleId, via: 'suggestion' }]);
      await context.close();
    });

    it('switches the bot on for a chat channel and shows the knowledge gaps page (English)', async () => {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-GB' });
      const page = await context.newPage();
      await page.goto(parley.url);
      await page.getByTestId('login-email').fill('admin@demo.example');
      await page.getByTestId('login-password').fill(PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('inbox-row').first().waitFor();
      await page.goto(`${parley.url}/settings/bot`);
      const form = page.getByTestId('bot-settings');
      const row = form.locator('tr', { hasText: 'Zz Bot-Chat' });
      await row.getByRole('checkbox').check();
      await row.getByRole('combobox').selectOption('outside');
      await form.getByRole('button', { name: 'Save' }).click();
      await form.getByRole('status').waitFor();
      const saved = await parley.db.selectFrom('kbBotChannels').select(['enabled', 'hours']).where('channelId', '=', chatId).executeTakeFirst();
      expect(saved).toEqual({ enabled: true, hours: 'outside' });

      await page.getByRole('link', { name: 'Knowledge gaps' }).click();
      await page.getByRole('heading', { name: 'Questions no article answers' }).waitFor();
      await page.getByRole('heading', { name: 'Bot deflection (last 30 days)' }).waitFor();
      await context.close();
    });
  });
}
