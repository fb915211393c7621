import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../support/backends.js';
import { api, type TestParley } from '../support/parley.js';
import { CHROMIUM_OPTIONS, startDemoParleyWithWeb } from '../support/parley-web.js';

const PASSWORD = 'browser-test-password';
const ANGRY = 'Das ist eine Frechheit! Meine Bestellung ist kaputt angekommen und niemand antwortet. Ich will mein Geld zurück, sofort!';

for (const backend of backends().slice(0, 1)) {
  describe(`${backend.name}: goodwill in the conversation view`, () => {
    let parley: TestParley;
    let browser: Browser;
    let conversationId: string;

    beforeAll(async () => {
      const demo = await startDemoParleyWithWeb(backend, PASSWORD);
      parley = demo.parley;
      const token = demo.token;
      const channel = await api<{ id: string }>(parley, 'POST', '/api/v1/channels', token, { type: 'api', name: 'Shop API' });
      conversationId = (await api<{ conversationId: string }>(parley, 'POST', `/api/v1/channels/${channel.body.id}/inbound`, token, { externalId: 'gw-browser', from: { id: 'angry-browser', name: 'Greta Groll' }, text: ANGRY })).body.conversationId;
      await api(parley, 'PUT', '/api/v1/workspace/goodwill-budgets', token, { budgets: [{ department: 'service', monthly: 200 }] });
      browser = await chromium.launch(CHROMIUM_OPTIONS);
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await parley?.drop();
    });

    for (const [locale, recommended, why, granted] of [
      ['de-DE', 'Empfehlung: Gutschein, 28,00\u00a0€', 'Der Kunde ist verärgert (negativer Ton).', 'Gutscheincode: GW-'],
      ['en-GB', 'Recommended: Voucher, €28.00', 'The customer is upset (negative tone).', 'Voucher code: GW-'],
    ] as const) {
      it(`shows the recommendation with its reasons and grants a voucher (${locale})`, async () => {
        const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale });
        const page = await context.newPage();
        await page.goto(parley.url);
        await page.getByTestId('login-email').fill('admin@demo.example');
        await page.getByTestId('login-password').fill(PASSWORD);
        await page.getByTestId('login-submit').click();
        await page.getByTestId('inbox-row').first().waitFor();
        await page.goto(`${parley.url}/c/${conversationId}`);

        const panel = page.getByTestId('goodwill-panel');
        await panel.getByTestId('goodwill-recommendation').waitFor();
        expect(await panel.getByTestId('goodwill-recommendation').innerText()).toBe(recommended);
        await panel.locator('details summary').first().click();
        await panel.getByText(why).waitFor();

        await panel.locator('details.merge summary').click();
        await panel.locator('textarea').fill('Beschädigte Lieferung');
        await panel.locator('button[type="submit"]').click();
        const status = panel.getByRole('status');
        await status.waitFor();
        expect(await status.innerText()).toContain(granted);
        await panel.locator('code').first().waitFor();
        await context.close();
      });
    }
  });
}
