import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDemoWorkspace } from '../../src/demo/seed.js';
import { backends } from '../support/backends.js';
import type { TestParley } from '../support/parley.js';
import { CHROMIUM_OPTIONS, ensureWebBuild, startTestParleyWithWeb } from '../support/parley-web.js';

const PASSWORD = 'browser-test-password';

for (const backend of backends().slice(0, 1)) {
  describe(`${backend.name}: review approval in the agent app`, () => {
    let parley: TestParley;
    let browser: Browser;

    beforeAll(async () => {
      await ensureWebBuild();
      parley = await startTestParleyWithWeb(backend);
      await ensureDemoWorkspace(parley.db, PASSWORD);
      browser = await chromium.launch(CHROMIUM_OPTIONS);
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await parley?.drop();
    });

    /** Logs a demo user in and opens the angry one-star review in the review inbox. */
    async function openAngryReview(email: string, locale: string): Promise<Page> {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale });
      const page = await context.newPage();
      await page.goto(parley.url);
      await page.getByTestId('login-email').fill(email);
      await page.getByTestId('login-password').fill(PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('inbox-row').first().waitFor();
      await page.getByRole('link', { name: locale.startsWith('de') ? 'Bewertungen' : 'Reviews' }).click();
      const row = page.getByTestId('review-row').filter({ hasText: 'Petra K.' });
      await row.click();
      await page.getByTestId('review-detail').filter({ hasText: 'Petra K.' }).waitFor();
      return page;
    }

    it('one department drafts, the other approves, then the reply is published', async () => {
      // Jonas (service) answers the angry review; the matrix says marketing approves replies to one and two stars.
      const jonas = await openAngryReview('jonas@demo.example', 'de-DE');
      expect(await jonas.getByTestId('review-row').count()).toBeGreaterThanOrEqual(5);
      expect(await jonas.getByTestId('review-row').filter({ hasText: 'Petra K.' }).getByTestId('review-overdue').count()).toBe(1);
      expect(await jonas.getByTestId('review-approval-department').innerText()).toBe('marketing');
      await jonas.getByTestId('review-suggest').click();
      await expect.poll(() => jonas.getByTestId('review-draft').inputValue()).toMatch(/^Hallo Petra, /);
      await jonas.getByTestId('review-save-draft').click();
      await expect.poll(() => jonas.getByTestId('review-detail-status').innerText()).toBe('Wartet auf Freigabe');
      await jonas.getByTestId('review-waiting').waitFor();
      expect(await jonas.getByTestId('review-publish').count()).toBe(0);
      expect(await jonas.getByTestId('review-approve').count()).toBe(0);
      await jonas.context().close();

      // Mara (marketing) sees the draft waiting for her department and approves it.
      const mara = await openAngryReview('mara@demo.example', 'en-GB');
      expect(await mara.getByTestId('review-detail-status').innerText()).toBe('Awaiting approval');
      await mara.getByTestId('review-approve').click();
      await expect.poll(() => mara.getByTestId('review-history-entry').allInnerTexts()).toEqual([
        expect.stringContaining('Jonas Weber wrote a draft'),
        expect.stringContaining('Mara Schulz approved for marketing'),
      ]);
      expect(await mara.getByTestId('review-approve').count()).toBe(0);
      await mara.context().close();

      // Back with Jonas: now he may publish.
      const again = await openAngryReview('jonas@demo.example', 'de-DE');
      await again.getByTestId('review-publish').click();
      await expect.poll(() => again.getByTestId('review-detail-status').innerText()).toBe('Veröffentlicht');
      const history = await again.getByTestId('review-history-entry').allInnerTexts();
      expect(history.map((h) => h.split(' · ')[0]?.trim())).toEqual(['Jonas Weber hat einen Entwurf geschrieben', 'Mara Schulz hat für marketing freigegeben', 'Jonas Weber hat die Antwort veröffentlicht']);
      expect(await again.getByTestId('review-row').filter({ hasText: 'Petra K.' }).getByTestId('review-status').innerText()).toBe('Veröffentlicht');
      // The reply went out through the normal outbound path as a public message of the conversation.
      const ws = await parley.db.selectFrom('workspaces').select('id').where('slug', '=', 'demo').executeTakeFirstOrThrow();
      const reply = await parley.db.selectFrom('messages').select(['text', 'visibility', 'deliveryStatus']).where('workspaceId', '=', ws.id).where('direction', '=', 'outbound').where('text', 'like', 'Hallo Petra,%').executeTakeFirstOrThrow();
      expect(reply.visibility).toBe('public');
      await again.context().close();
    });

    it('shows the ownership matrix, response targets and templates in settings, and the report', async () => {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-GB' });
      const page = await context.newPage();
      await page.goto(parley.url);
      await page.getByTestId('login-email').fill('admin@demo.example');
      await page.getByTestId('login-password').fill(PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('inbox-row').first().waitFor();
      await page.goto(`${parley.url}/settings/reviews`);
      await page.getByTestId('review-rules').locator('li').first().waitFor();
      expect(await page.getByTestId('review-rules').locator('li').count()).toBe(3);
      expect(await page.getByTestId('review-rules').locator('li').first().innerText()).toContain('approved by marketing');
      // Order decides: moving the catch-all rule up makes it win over the praise rule.
      await page.getByTestId('review-rules').locator('li').nth(2).getByTestId('review-rule-up').click();
      await expect.poll(async () => (await parley.db.selectFrom('reviewOwnershipRules').select(['department', 'maxRating']).orderBy('position').execute()).map((r) => `${r.department}:${r.maxRating}`)).toEqual(['service:2', 'service:5', 'marketing:5']);
      await page.getByLabel('Hours for 3 stars').fill('12');
      await page.getByLabel('Hours for 3 stars').press('Enter');
      await expect.poll(async () => (await parley.db.selectFrom('reviewSettings').select('responseTargets').executeTakeFirst())?.responseTargets.hoursByRating).toEqual([24, 24, 12, 72, 72]);
      expect(await page.getByTestId('review-templates').locator('li').count()).toBe(7);
      // A template is changed in place: the form takes its text, saving replaces it.
      const first = await parley.db.selectFrom('reviewReplyTemplates').select(['id', 'name']).orderBy('name').executeTakeFirstOrThrow();
      const row = page.getByTestId('review-templates').locator('li').filter({ has: page.getByText(first.name, { exact: true }) });
      await row.getByTestId('review-template-edit').click();
      await page.getByTestId('review-template-body').fill('Thank you, {{reviewer.firstName}}! 🌟');
      await page.getByTestId('review-template-save').click();
      await expect.poll(async () => (await parley.db.selectFrom('reviewReplyTemplates').select('body').where('id', '=', first.id).executeTakeFirstOrThrow()).body).toBe('Thank you, {{reviewer.firstName}}! 🌟');
      expect(await page.getByTestId('review-templates').locator('li').count()).toBe(7);
      await page.goto(`${parley.url}/reviews/report`);
      const portals = page.getByTestId('review-report-portal');
      await portals.first().waitFor();
      expect((await portals.locator('caption').allInnerTexts()).sort()).toEqual(['Google', 'Trusted Shops', 'Trustpilot']);
      await context.close();
    });
  });
}
