import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../support/backends.js';
import { api, createTenant, type Tenant, type TestParley } from '../support/parley.js';
import { CHROMIUM_OPTIONS, ensureWebBuild, startTestParleyWithWeb } from '../support/parley-web.js';
import { linkMailedTo } from '../support/mail-links.js';
import { startCapturingSmtp } from '../support/smtp-capture.js';

const backend = backends()[0];

describe('password reset and invitation pages in Chromium', () => {
  let p: TestParley;
  let t: Tenant;
  let browser: Browser;
  let smtp: Awaited<ReturnType<typeof startCapturingSmtp>>;

  beforeAll(async () => {
    if (!backend) throw new Error('no backend');
    await ensureWebBuild();
    p = await startTestParleyWithWeb(backend);
    t = await createTenant(p);
    smtp = await startCapturingSmtp('team@shop.example', 'smtp-geheim');
    await api(p, 'POST', '/api/v1/channels', t.token, { type: 'email', name: 'Team', settings: { address: 'team@shop.example', smtp: { host: '127.0.0.1', port: smtp.port, secure: false, user: 'team@shop.example' }, smtpPassword: 'smtp-geheim' } });
    browser = await chromium.launch(CHROMIUM_OPTIONS);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await smtp?.close();
    await p?.drop();
  });

  async function fresh(): Promise<Page> {
    const context = await browser.newContext({ locale: 'de-DE' });
    return context.newPage();
  }

  async function signIn(page: Page, email: string, password: string): Promise<void> {
    await page.goto(p.url);
    await page.getByTestId('login-email').fill(email);
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
  }

  it('invites a colleague from the users settings, who joins through the mailed link', async () => {
    const admin = await fresh();
    await signIn(admin, t.adminEmail, t.password);
    await admin.getByTestId('logout').waitFor();
    await admin.goto(`${p.url}/settings/users`);
    await admin.getByTestId('invite-email').fill('kollegin@shop.example');
    await admin.getByTestId('invite-send').click();
    expect(await admin.getByTestId('invite-result').textContent()).toContain('kollegin@shop.example');
    await admin.getByText('Offene Einladungen').waitFor();

    const invitee = await fresh();
    await invitee.goto((await linkMailedTo(smtp.mails, 'kollegin@shop.example', 'invitation')).link);
    expect(await invitee.getByTestId('invite-intro').textContent()).toContain('kollegin@shop.example');
    await invitee.getByTestId('invite-name').fill('Karla Kollegin');
    await invitee.getByTestId('invite-password').fill('karlas langes Passwort');
    await invitee.getByTestId('invite-submit').click();
    await invitee.getByTestId('logout').waitFor();
    expect(new URL(invitee.url()).pathname).toBe('/');

    // The link is spent: opening it again says so instead of offering the form.
    const again = await fresh();
    await again.goto((await linkMailedTo(smtp.mails, 'kollegin@shop.example', 'invitation')).link);
    await again.getByTestId('invite-dead').waitFor();
    expect(await again.getByTestId('invite-name').count()).toBe(0);
  }, 60_000);

  it('resets a forgotten password from the login page and signs in with the new one', async () => {
    const page = await fresh();
    await page.goto(p.url);
    await page.getByTestId('login-forgot').click();
    await page.getByTestId('forgot-email').fill(t.adminEmail);
    await page.getByTestId('forgot-submit').click();
    await page.getByTestId('reset-sent').waitFor();

    await page.goto((await linkMailedTo(smtp.mails, t.adminEmail, 'reset-password')).link);
    await page.getByTestId('reset-password').fill('das neue Passwort 2026');
    await page.getByTestId('reset-repeat').fill('das neue Passwort 2026');
    await page.getByTestId('reset-submit').click();
    await page.getByTestId('reset-done').waitFor();
    expect(page.url()).not.toContain('token');

    await signIn(page, t.adminEmail, 'das neue Passwort 2026');
    await page.getByTestId('logout').waitFor();
  }, 60_000);
});
