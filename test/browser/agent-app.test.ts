import { mkdirSync, readFileSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSecretBox, loadSecretKey } from '../../src/security/secret-box.js';
import { backends } from '../support/backends.js';
import { api } from '../support/parley.js';
import { CHROMIUM_OPTIONS, startDemoParleyWithWeb } from '../support/parley-web.js';
import type { TestParley } from '../support/parley.js';
import { enqueueEvents } from '../../src/db/outbox.js';

const PASSWORD = 'browser-test-password';
const SHOTS = 'test-results';

for (const backend of backends().slice(0, 1)) {
  describe(`${backend.name}: agent app in Chromium`, () => {
    let parley: TestParley;
    let browser: Browser;
    let token: string;
    let apiChannelId: string;
    let n = 0;

    beforeAll(async () => {
      mkdirSync(SHOTS, { recursive: true });
      // The server decides at start whether it serves the app, so the build must be complete first.
      const demo = await startDemoParleyWithWeb(backend, PASSWORD);
      parley = demo.parley;
      token = demo.token;
      const channel = await api<{ id: string }>(parley, 'POST', '/api/v1/channels', token, { type: 'api', name: 'Shop API' });
      expect(channel.status).toBe(201);
      apiChannelId = channel.body.id;
      browser = await chromium.launch(CHROMIUM_OPTIONS);
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await parley?.drop();
    });

    async function loggedIn(locale = 'de-DE'): Promise<{ context: BrowserContext; page: Page; dialogs: string[] }> {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale });
      const page = await context.newPage();
      const dialogs: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await page.goto(parley.url);
      await page.getByTestId('login-email').fill('admin@demo.example');
      await page.getByTestId('login-password').fill(PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('inbox-row').first().waitFor();
      return { context, page, dialogs };
    }

    function inbound(body: Record<string, unknown>) {
      return api<{ conversationId: string }>(parley, 'POST', `/api/v1/channels/${apiChannelId}/inbound`, token, { externalId: `bt-${++n}-${Date.now()}`, ...body });
    }

    it('logs in, opens a conversation, replies and sees the reply delivered', async () => {
      const { context, page } = await loggedIn();
      expect(await page.getByTestId('inbox-row').count()).toBeGreaterThan(3);
      // The demo's service levels show as countdowns on waiting conversations.
      expect(await page.getByTestId('row-sla').count()).toBeGreaterThan(0);
      await page.screenshot({ path: `${SHOTS}/inbox.png` });

      await page.getByTestId('inbox-row').first().click();
      await page.getByTestId('conversation-message').first().waitFor();
      const before = await page.getByTestId('conversation-message').count();
      await page.getByTestId('reply-box').fill('Vielen Dank, wir kümmern uns sofort darum.');
      await page.getByTestId('reply-send').click();

      const reply = page.getByTestId('conversation-message').filter({ hasText: 'wir kümmern uns sofort darum' });
      await reply.waitFor();
      expect(await page.getByTestId('conversation-message').count()).toBe(before + 1);
      await reply.locator('[data-testid="delivery-status"][data-status="sent"]').waitFor({ timeout: 10_000 });
      await page.screenshot({ path: `${SHOTS}/conversation.png` });

      // A shared canned response fills in the customer's first name as plain text.
      await page.getByTestId('reply-box').fill('');
      await page.getByTestId('canned-select').selectOption({ label: 'Bestellnummer erfragen' });
      const firstName = ((await page.getByTestId('inbox-row').first().locator('.row-contact').textContent()) ?? '').split(' ')[0] ?? '';
      expect(await page.getByTestId('reply-box').inputValue()).toContain(`Hallo ${firstName}, damit ich Ihnen schnell helfen kann`);
      await context.close();
    });

    it('shows a message arriving through the API within a second, at the top, without reload', async () => {
      const { context, page } = await loggedIn();
      await page.getByTestId('live-state').and(page.locator('[data-state="live"]')).waitFor();
      await page.evaluate(() => Object.assign(window, { __noReload: true }));
      const res = await inbound({ from: { id: 'live-1', name: 'Live Kundin' }, text: 'Ist meine Bestellung schon unterwegs?' });
      expect(res.status).toBe(202);
      const started = Date.now();
      await page.getByTestId('inbox-row').first().filter({ hasText: 'Live Kundin' }).waitFor({ timeout: 1000 });
      expect(Date.now() - started).toBeLessThan(1000);
      expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);

      // A follow-up in an older conversation moves that conversation back to the top.
      await inbound({ from: { id: 'live-2', name: 'Zweiter Kunde' }, text: 'Hallo aus der zweiten Unterhaltung' });
      await page.getByTestId('inbox-row').first().filter({ hasText: 'Zweiter Kunde' }).waitFor({ timeout: 1000 });
      await inbound({ from: { id: 'live-1', name: 'Live Kundin' }, text: 'Noch eine Frage!' });
      await page.getByTestId('inbox-row').first().filter({ hasText: 'Noch eine Frage!' }).waitFor({ timeout: 1000 });
      expect(await page.getByTestId('inbox-row').filter({ hasText: 'Live Kundin' }).count()).toBe(1);

      // An angry legal threat is flagged in the row and found by the mood filter.
      await inbound({ from: { id: 'live-3', name: 'Wütende Kundin' }, text: 'Unverschämt! Ohne Erstattung bis Freitag geht das an meinen Anwalt.' });
      const angry = page.getByTestId('inbox-row').first().filter({ hasText: 'Wütende Kundin' });
      await angry.waitFor({ timeout: 1000 });
      await angry.getByTestId('row-urgent').waitFor();
      expect(await angry.getByTestId('row-sentiment').textContent()).toBe('Negativ');
      // The agent sees what Parley understood, is warned about personal data, and corrects the topic.
      const withIban = await inbound({ from: { id: 'live-4', name: 'Konto Kundin' }, text: 'Bitte erstatten Sie auf DE89 3704 0044 0532 0130 00, danke!' });
      await page.getByTestId('inbox-row').first().filter({ hasText: 'Konto Kundin' }).click();
      const understood = page.getByTestId('conversation-message').last().getByTestId('understanding');
      await understood.getByTestId('pii-warning').waitFor();
      expect(await understood.getByTestId('pii-warning').textContent()).toContain('IBAN');
      await understood.getByTestId('correct-category').selectOption('billing');
      await expect.poll(async () => (await parley.db.selectFrom('labelCorrections').select('label').where('field', '=', 'category').execute()).map((r) => r.label)).toContain('billing');
      expect(withIban.status).toBe(202);
      await page.getByTestId('filter-sentiment').selectOption('negative');
      await page.getByTestId('inbox-row').filter({ hasText: 'Wütende Kundin' }).waitFor();
      expect(await page.getByTestId('inbox-row').filter({ hasText: 'Zweiter Kunde' }).count()).toBe(0);
      await context.close();
    });

    it('switches language between German and English', async () => {
      const { context, page } = await loggedIn('de-DE');
      await expect.poll(() => page.locator('nav a[href="/"]').textContent()).toBe('Posteingang');
      await page.getByTestId('language-switch').selectOption('en');
      await expect.poll(() => page.locator('nav a[href="/"]').textContent()).toBe('Inbox');
      expect(await page.getByTestId('search-input').getAttribute('placeholder')).toContain('Search');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      await expect.poll(async () => (await parley.db.selectFrom('users').select('locale').where('email', '=', 'admin@demo.example').executeTakeFirst())?.locale).toBe('en');
      await page.getByTestId('language-switch').selectOption('de');
      await expect.poll(() => page.locator('nav a[href="/"]').textContent()).toBe('Posteingang');
      await context.close();
    });

    it('renders hostile HTML and text inert: no script, no dialog, no remote request', async () => {
      const { context, page, dialogs } = await loggedIn();
      const remote: string[] = [];
      page.on('request', (r) => {
        if (r.url().includes('tracker')) remote.push(r.url());
      });
      const html = [
        '<p>Hallo <b>Team</b></p>',
        '<img src=x onerror="window.__xss=1;alert(1)">',
        `<img src="${parley.url}/tracker.gif">`,
        '<a id="evil" href="javascript:window.__xss=2;alert(2)">Klick mich</a>',
        '<a href="https://example.com/ok">Sicherer Link</a>',
        '<svg onload="window.__xss=3"></svg><iframe src="javascript:alert(4)"></iframe><script>window.__xss=5</script>',
      ].join('');
      const res = await inbound({ from: { id: 'evil-1', name: 'Mallory' }, text: 'Plain <img src=x onerror=alert(6)> {{agent.name}}', html });
      expect(res.status).toBe(202);
      await inbound({ from: { id: 'evil-2', name: 'Mallory Text' }, text: '<img src=x onerror="window.__xss=7;alert(7)"> <script>window.__xss=8</script>' });

      await page.getByTestId('inbox-row').filter({ hasText: 'Mallory Text' }).first().click();
      const textMessage = page.getByTestId('conversation-message').first();
      await textMessage.waitFor();
      expect(await textMessage.locator('.message-body').textContent()).toContain('<img src=x onerror="window.__xss=7;alert(7)">');
      expect(await textMessage.locator('img, script').count()).toBe(0);

      await page.getByTestId('inbox-row').filter({ hasText: 'Plain <img' }).first().click();
      const message = page.getByTestId('conversation-message').filter({ hasText: 'Sicherer Link' });
      await message.waitFor();
      expect(await message.locator('img, script, iframe, svg').count()).toBe(0);
      const links = await message.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      expect(links.filter((h) => h !== null && !/^https?:/.test(h))).toEqual([]);
      await message.getByText('Klick mich').click();
      await page.waitForTimeout(300);
      await page.screenshot({ path: `${SHOTS}/hostile-message.png` });

      expect(dialogs).toEqual([]);
      expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
      expect(remote).toEqual([]);
      await context.close();
    });

    it('works from the keyboard and asks for a handover note when the level changes', async () => {
      const { context, page } = await loggedIn();
      const rows = page.getByTestId('inbox-row');
      const firstId = await rows.nth(0).getAttribute('data-id');
      const secondId = await rows.nth(1).getAttribute('data-id');
      await page.keyboard.press('j');
      await page.waitForURL(`**/c/${firstId}`);
      await page.keyboard.press('j');
      await page.waitForURL(`**/c/${secondId}`);
      await page.keyboard.press('k');
      await page.waitForURL(`**/c/${firstId}`);
      await page.getByTestId('conversation-message').first().waitFor();

      await page.keyboard.press('?');
      await page.getByTestId('help-overlay').waitFor();
      await page.keyboard.press('Escape');
      await page.getByTestId('help-overlay').waitFor({ state: 'detached' });

      await page.keyboard.press('a');
      await expect.poll(() => page.getByTestId('assignee-select').evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent)).toBe('Lea Hoffmann');

      await page.keyboard.press('/');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('search-input');
      await page.keyboard.press('Escape');
      await page.locator('body').click({ position: { x: 5, y: 890 } });
      await page.keyboard.press('r');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('reply-box');

      await page.getByTestId('tier-select').selectOption('2');
      await page.getByTestId('handover-dialog').waitFor();
      await page.getByTestId('handover-confirm').click();
      await page.getByTestId('handover-dialog').getByRole('alert').waitFor();
      await page.getByTestId('handover-note').fill('Kundin wartet auf Ersatzteil, Bestellung 100482.');
      await page.getByTestId('handover-confirm').click();
      await expect.poll(() => page.getByTestId('tier-select').inputValue()).toBe('2');
      const row = await parley.db.selectFrom('conversations').select(['tier', 'assigneeId']).where('id', '=', firstId ?? '').executeTakeFirstOrThrow();
      expect(row.tier).toBe(2);
      expect(row.assigneeId).not.toBeNull();
      await context.close();
    });

    it('tests and saves a monitoring query, then shows the mentions it hears', async () => {
      const { context, page } = await loggedIn('de-DE');
      await page.locator('nav a[href="/listening"]').click();
      await page.getByTestId('listening-query-input').fill('Nordlicht AND Lieferung~');
      await page.getByTestId('listening-samples').fill('Nordlicht Paketlieferungen kommen nie\nNordlicht ist super');
      await page.getByTestId('listening-test').click();
      await page.getByTestId('listening-results').waitFor();
      expect(await page.getByTestId('listening-results').locator('li').allTextContents()).toEqual(['✓ Nordlicht Paketlieferungen kommen nie', '– Nordlicht ist super']);
      await page.getByTestId('listening-query-input').fill('Nordlicht AND (Lieferung~');
      await page.getByTestId('listening-test').click();
      await page.getByTestId('listening-error').waitFor();
      await page.getByTestId('listening-query-input').fill('Nordlicht AND Lieferung~');
      await page.getByLabel('Name').fill('Lieferärger');
      await page.getByTestId('listening-brand-input').fill('Nordlicht');
      await page.getByRole('button', { name: 'Anlegen' }).click();
      await page.getByTestId('listening-query').filter({ hasText: 'Lieferärger' }).waitFor();
      const heard = await api(parley, 'POST', '/api/v1/listening/posts', token, { source: 'x', externalId: `browser-${Date.now()}`, text: 'Wo bleibt meine Lieferung, @Nordlicht?', author: 'kunde_hh', reach: 420 });
      expect(heard.status).toBe(201);
      await page.getByTestId('listening-query').filter({ hasText: 'Lieferärger' }).click();
      await page.getByTestId('mention').filter({ hasText: 'Wo bleibt meine Lieferung' }).waitFor({ timeout: 15_000 });
      await page.getByTestId('query-stats').locator('canvas').first().waitFor();
      await page.getByTestId('top-terms').filter({ hasText: 'lieferung (1)' }).waitFor();
      // The brand's view gathers what all its queries hear.
      await page.getByTestId('listening-brand').filter({ hasText: 'Nordlicht' }).click();
      await page.getByTestId('mention').filter({ hasText: 'Wo bleibt meine Lieferung' }).waitFor();
      await page.getByTestId('query-stats').locator('canvas').first().waitFor();

      // An early warning arrives live, and the team resolves it.
      const query = await parley.db.selectFrom('listeningQueries').select(['id', 'workspaceId']).where('name', '=', 'Lieferärger').executeTakeFirstOrThrow();
      await parley.db.transaction().execute(async (trx) => {
        const alert = await trx
          .insertInto('listeningAlerts')
          .values({ workspaceId: query.workspaceId, queryId: query.id, kind: 'volume', severity: 'high', bucketStart: new Date(), observed: 42, expected: 3 })
          .returning('id')
          .executeTakeFirstOrThrow();
        await enqueueEvents(trx, [{ type: 'listening.alert', workspaceId: query.workspaceId, data: { id: alert.id } }]);
      });
      const warning = page.getByTestId('listening-alert').filter({ hasText: '42 Erwähnungen in fünf Minuten' });
      await warning.waitFor({ timeout: 5_000 });
      await page.screenshot({ path: `${SHOTS}/listening.png` });
      await warning.getByRole('button', { name: 'Erledigt' }).click();
      await warning.waitFor({ state: 'detached' });

      // Proactive outreach: the mention becomes a public conversation, opened for the answer.
      await page.getByTestId('mention').filter({ hasText: 'Wo bleibt meine Lieferung' }).getByTestId('mention-outreach').click();
      await page.waitForURL(/\/c\/[0-9a-f-]{36}$/);
      await page.getByTestId('conversation-message').filter({ hasText: 'Wo bleibt meine Lieferung, @Nordlicht?' }).waitFor();
      await context.close();
    });

    it('edits business hours and SLA policies in the settings', async () => {
      const { context, page } = await loggedIn('de-DE');
      await page.locator('nav a[href="/settings"]').click();
      await page.getByRole('link', { name: 'Servicelevel' }).click();
      const rows = page.getByTestId('sla-policy-row');
      await rows.first().waitFor();
      const before = await rows.count();
      await page.getByTestId('sla-add').click();
      const row = rows.nth(before);
      await row.getByLabel('Name').fill('Premium');
      await row.getByLabel('Kundengruppe (Kontakt-Schlagwort)').fill('premium');
      await row.getByLabel('Erste Antwort (Stunden)').fill('0,5');
      await page.getByLabel('Auch samstags geöffnet').check();
      await page.getByTestId('sla-save').click();
      await page.getByRole('status').filter({ hasText: 'Gespeichert' }).waitFor();
      const ws = await parley.db.selectFrom('workspaces').select(['slaPolicies', 'businessCalendar']).where('slug', '=', 'demo').executeTakeFirstOrThrow();
      expect(ws.slaPolicies.find((p) => p.id === 'premium')).toMatchObject({ match: { customerGroup: 'premium' }, targets: { firstResponseMs: 1_800_000 } });
      expect(ws.businessCalendar.slots.map((s) => s.day)).toContain('sat');
      await context.close();
    });

    it('connects an API channel and a WhatsApp channel in the settings, showing inbound URLs and secrets once', async () => {
      const { context, page } = await loggedIn('en-GB');
      await page.locator('nav a[href="/settings"]').click();
      await page.getByRole('link', { name: /Channels|Kanäle/ }).click();
      const form = page.locator('form.channel-form');
      await form.locator('input[name="name"]').fill('Shop backend');
      await form.locator('input[name="webhookUrl"]').fill('https://shop.example/parley-webhook');
      await form.getByRole('button', { name: /Create|Anlegen/ }).click();
      const created = page.getByTestId('channel-created');
      await created.waitFor();
      expect(await created.textContent()).toMatch(new RegExp(`${parley.url}/api/v1/channels/[0-9a-f-]{36}/inbound`));
      expect(await created.textContent()).toMatch(/webhookSecret: whsec_/);
      const stored = await parley.db.selectFrom('channels').select(['type', 'settings']).where('name', '=', 'Shop backend').executeTakeFirstOrThrow();
      expect(stored).toMatchObject({ type: 'api', settings: { webhookUrl: 'https://shop.example/parley-webhook' } });

      await page.getByTestId('channel-type').selectOption('whatsapp');
      await form.locator('input[name="name"]').fill('WhatsApp Hotline');
      await form.locator('input[name="phoneNumberId"]').fill('109876543210');
      await form.locator('input[name="appSecret"]').fill('app-secret-from-meta');
      await form.locator('input[name="verifyToken"]').fill('my-verify-token');
      await form.locator('input[name="accessToken"]').fill('EAAG-access-token');
      await form.getByRole('button', { name: /Create|Anlegen/ }).click();
      await page.getByTestId('channel-created').filter({ hasText: 'WhatsApp Hotline' }).waitFor();
      expect(await page.getByTestId('channel-created').textContent()).toMatch(new RegExp(`${parley.url}/webhooks/whatsapp/[0-9a-f-]{36}`));
      const whatsapp = await parley.db.selectFrom('channels').select(['settings', 'secrets']).where('name', '=', 'WhatsApp Hotline').executeTakeFirstOrThrow();
      expect(whatsapp.settings).toMatchObject({ phoneNumberId: '109876543210' });
      expect(JSON.stringify(whatsapp)).not.toMatch(/app-secret-from-meta|EAAG/);

      // Editing: settings come back filled in, secrets stay empty and are kept unless replaced.
      await page.getByRole('row', { name: /WhatsApp Hotline/ }).getByTestId('channel-edit').click();
      expect(await form.locator('input[name="phoneNumberId"]').inputValue()).toBe('109876543210');
      expect(await form.locator('input[name="accessToken"]').inputValue()).toBe('');
      await form.locator('input[name="phoneNumberId"]').fill('109876543299');
      await form.locator('input[name="accessToken"]').fill('EAAG-rotated-token');
      await form.getByRole('button', { name: /Save|Speichern/ }).click();
      await page.getByRole('heading', { name: /Connect a channel|Kanal verbinden/ }).waitFor();
      const edited = await parley.db.selectFrom('channels').select(['settings', 'secrets']).where('name', '=', 'WhatsApp Hotline').executeTakeFirstOrThrow();
      expect(edited.settings).toMatchObject({ phoneNumberId: '109876543299' });
      const box = createSecretBox(loadSecretKey({}, parley.dataDir));
      expect(box.open(edited.secrets ?? '')).toEqual({ appSecret: 'app-secret-from-meta', verifyToken: 'my-verify-token', accessToken: 'EAAG-rotated-token' });
      await context.close();
    });

    it('works the phone and the post: the demo callback is made, a call logged, a scanned letter entered', async () => {
      const { context, page } = await loggedIn('de-DE');
      await page.locator('nav a[href="/phone"]').click();
      const callbacks = page.getByTestId('callbacks');
      await callbacks.getByRole('row', { name: /Heinz Vogel/ }).waitFor();
      await callbacks.getByRole('row', { name: /Heinz Vogel/ }).getByRole('button', { name: 'Erreicht', exact: true }).click();
      await page.getByText('Keine Rückrufe offen.').waitFor();
      const done = await parley.db.selectFrom('callbacks').select(['status', 'attempts']).executeTakeFirstOrThrow();
      expect(done).toEqual({ status: 'done', attempts: 1 });

      const call = page.getByTestId('log-call');
      await call.locator('input[name="name"]').fill('Rita Sommer');
      await call.locator('input[name="phone"]').fill('0171 5550101');
      await call.locator('input[name="minutes"]').fill('4');
      await call.locator('textarea[name="notes"]').fill('Fragt nach dem Liefertermin der Bestellung 100610.');
      await call.getByRole('button', { name: 'Speichern' }).click();
      await page.getByText('Anruf erfasst.').waitFor();
      const logged = await parley.db.selectFrom('messages').select(['meta', 'text']).where('text', 'like', 'Fragt nach dem Liefertermin%').executeTakeFirstOrThrow();
      expect(logged.meta).toEqual({ call: { direction: 'inbound', durationSeconds: 240 } });

      const letter = page.getByTestId('enter-letter');
      await letter.locator('select[name="kind"]').selectOption('fax');
      await letter.locator('input[name="name"]').fill('Autohaus Krause GmbH');
      await letter.locator('input[name="subject"]').fill('Sammelbestellung Fußmatten');
      await letter.locator('textarea[name="text"]').fill('Wir bestellen 40 Sätze Fußmatten, Lieferung bitte bis Monatsende.');
      await letter.locator('input[name="scan"]').setInputFiles({ name: 'fax-0931.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 fax') });
      await letter.getByRole('button', { name: 'Speichern' }).click();
      await page.getByText('Brief gespeichert.').waitFor();
      const fax = await parley.db.selectFrom('messages').select(['meta', 'attachments', 'conversationId']).where('text', 'like', 'Wir bestellen 40%').executeTakeFirstOrThrow();
      expect(fax.meta).toEqual({ letter: { kind: 'fax' } });
      expect(fax.attachments.map((a) => a.filename)).toEqual(['fax-0931.pdf']);
      await page.screenshot({ path: `${SHOTS}/phone-and-post.png`, fullPage: true });

      await page.goto(`${parley.url}/c/${fax.conversationId}`);
      await page.getByTestId('message-meta').filter({ hasText: 'Fax' }).waitFor();
      await page.getByRole('link', { name: 'fax-0931.pdf' }).waitFor();
      await context.close();
    });

    it('exports a contact\'s data and erases the contact on an admin\'s confirmation', async () => {
      const { conversationId } = (await inbound({ from: { id: 'erase-me', name: 'Konrad Löscher', email: 'konrad@example.de' }, text: 'Bitte löschen Sie alle meine Daten.' })).body;
      const { context, page } = await loggedIn('de-DE');
      await page.goto(`${parley.url}/c/${conversationId}`);
      const panel = page.getByTestId('contact-panel');
      await panel.getByRole('heading', { name: 'Konrad Löscher' }).waitFor();
      const download = page.waitForEvent('download');
      await panel.getByRole('link', { name: 'Alle Daten exportieren (JSON)' }).click();
      const file = await (await download).path();
      expect(JSON.parse(readFileSync(file, 'utf8')).contact).toMatchObject({ name: 'Konrad Löscher', email: 'konrad@example.de' });
      await panel.getByTestId('erase').click();
      await panel.getByTestId('erase-confirm').click();
      await page.waitForURL(`${parley.url}/`);
      expect(await parley.db.selectFrom('contacts').select('id').where('email', '=', 'konrad@example.de').executeTakeFirst()).toBeUndefined();
      await context.close();
    });

    it('shows the login form with a note when the session expires', async () => {
      const { context, page } = await loggedIn('en-GB');
      await parley.db.deleteFrom('sessions').execute();
      // A search always asks the server (a click may be answered from the cache).
      await page.getByTestId('search-input').fill('Lieferadresse');
      await page.getByTestId('login-email').waitFor();
      expect(await page.getByRole('status').filter({ hasText: /expired|abgelaufen/ }).count()).toBe(1);
      await context.close();
    });
  });
}
