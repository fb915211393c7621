import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendDueSurveys } from '../../src/csat/send-surveys.js';
import { createSecretBox, loadSecretKey } from '../../src/security/secret-box.js';
import { backends } from '../support/backends.js';
import { api, type TestParley } from '../support/parley.js';
import { CHROMIUM_OPTIONS, startDemoParleyWithWeb } from '../support/parley-web.js';

const PASSWORD = 'browser-test-password';

for (const backend of backends().slice(0, 1)) {
  describe(`${backend.name}: a customer answers the satisfaction survey`, () => {
    let parley: TestParley;
    let browser: Browser;
    let conversationId: string;
    let link: string;

    beforeAll(async () => {
      const demo = await startDemoParleyWithWeb(backend, PASSWORD);
      parley = demo.parley;
      const token = demo.token;
      const channel = await api<{ id: string }>(parley, 'POST', '/api/v1/channels', token, { type: 'api', name: 'Shop-App' });
      await api(parley, 'PUT', `/api/v1/channels/${channel.body.id}/csat`, token, { mode: 'channel', scale: 'emoji', delayMinutes: 0 });
      conversationId = (await api<{ conversationId: string }>(parley, 'POST', `/api/v1/channels/${channel.body.id}/inbound`, token, { externalId: 'csat-browser', from: { id: 'paula', name: 'Paula Paket' }, text: 'Mein Paket ist nicht angekommen, können Sie bitte nachsehen?' })).body.conversationId;
      await api(parley, 'PATCH', `/api/v1/conversations/${conversationId}`, token, { status: 'resolved' });
      await sendDueSurveys(parley.db, createSecretBox(loadSecretKey({}, parley.dataDir)), { baseUrl: parley.url, allowPrivateNetworks: true });
      const detail = await api<{ messages: { text: string }[] }>(parley, 'GET', `/api/v1/conversations/${conversationId}`, token);
      link = /https?:\/\/\S+\/csat\/\S+/.exec(detail.body.messages.map((m) => m.text).join('\n'))?.[0] ?? '';
      browser = await chromium.launch(CHROMIUM_OPTIONS);
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await parley?.drop();
    });

    it('records the rating from the page without JavaScript, and the agent sees it on the conversation', async () => {
      expect(link).toMatch(/\/csat\/cs_/);
      const customer = await browser.newContext({ javaScriptEnabled: false, locale: 'de-DE' });
      const page = await customer.newPage();
      const response = await page.goto(link);
      expect(response?.headers()['content-security-policy']).toMatch(/^default-src 'none'/);
      await page.getByText('Wie zufrieden sind Sie mit unserer Hilfe?').first().waitFor();
      await page.getByText('sehr zufrieden').click();
      await page.locator('textarea[name="comment"]').fill('Schnell und freundlich, danke!');
      await page.getByRole('button', { name: 'Bewertung senden' }).click();
      await page.getByText('Vielen Dank für Ihre Bewertung!').waitFor();
      await customer.close();

      for (const [locale, rated, average, outcome] of [
        ['de-DE', 'bewertet mit 😄 (5/5)', 'Durchschnitt 5 von 5', 'Hat die Kulanz gewirkt?'],
        ['en-GB', 'rated 😄 (5/5)', 'Average 5 of 5', 'Did goodwill work?'],
      ] as const) {
        const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale });
        const agent = await context.newPage();
        await agent.goto(parley.url);
        await agent.getByTestId('login-email').fill('admin@demo.example');
        await agent.getByTestId('login-password').fill(PASSWORD);
        await agent.getByTestId('login-submit').click();
        await agent.getByTestId('inbox-row').first().waitFor();
        await agent.goto(`${parley.url}/c/${conversationId}`);
        const result = agent.getByTestId('csat-result');
        await result.waitFor();
        expect(await result.innerText()).toContain(rated);
        expect(await result.getByTestId('csat-comment').innerText()).toBe('Schnell und freundlich, danke!');

        await agent.goto(`${parley.url}/reports`);
        const report = agent.getByTestId('csat-report');
        await report.getByTestId('csat-kpis').waitFor();
        expect(await report.getByTestId('csat-kpis').innerText()).toContain(average);
        await agent.getByTestId('goodwill-report').getByText(outcome).waitFor();
        await agent.goto(`${parley.url}/dashboard`);
        await agent.getByTestId('dashboard-csat').getByText(average).waitFor();
        await context.close();
      }
    });
  });
}
