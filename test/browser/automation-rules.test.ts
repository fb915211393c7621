import { mkdirSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../support/backends.js';
import { api, type TestParley } from '../support/parley.js';
import { CHROMIUM_OPTIONS, startDemoParleyWithWeb } from '../support/parley-web.js';

const PASSWORD = 'browser-test-password';
const SHOTS = 'test-results';

for (const backend of backends().slice(0, 1)) {
  describe(`${backend.name}: automation rules, agent profiles and queues in the settings`, () => {
    let parley: TestParley;
    let browser: Browser;
    let token: string;

    beforeAll(async () => {
      mkdirSync(SHOTS, { recursive: true });
      const demo = await startDemoParleyWithWeb(backend, PASSWORD);
      parley = demo.parley;
      token = demo.token;
      browser = await chromium.launch(CHROMIUM_OPTIONS);
    }, 180_000);

    afterAll(async () => {
      await browser?.close();
      await parley?.drop();
    });

    it('creates a rule in the settings and tests it against a conversation without changing it', async () => {
      const channel = await api<{ id: string }>(parley, 'POST', '/api/v1/channels', token, { type: 'api', name: 'Regel-Test' });
      const { conversationId } = (await api<{ conversationId: string }>(parley, 'POST', `/api/v1/channels/${channel.body.id}/inbound`, token, { externalId: `rule-${Date.now()}`, from: { id: 'rechnungskunde' }, text: 'Meine Rechnung stimmt nicht.' })).body;
      const before = (await api<{ priority: string }>(parley, 'GET', `/api/v1/conversations/${conversationId}`, token)).body.priority;

      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'de-DE' });
      const page = await context.newPage();
      try {
        await page.goto(parley.url);
        await page.getByTestId('login-email').fill('admin@demo.example');
        await page.getByTestId('login-password').fill(PASSWORD);
        await page.getByTestId('login-submit').click();
        await page.getByTestId('inbox-row').first().waitFor();
        await page.goto(`${parley.url}/settings/rules`);
        await page.getByTestId('rule-editor').waitFor();

        await page.getByTestId('rule-name').fill('Rechnungen zuerst');
        await page.getByTestId('rule-condition-value').first().fill('rechnung');
        await page.getByTestId('rule-action-type').first().selectOption('setPriority');
        await page.getByLabel(/^(Wert|Value)$/).last().fill('urgent');
        await page.getByTestId('rule-save').click();
        await page.getByTestId('rule-row').filter({ hasText: 'Rechnungen zuerst' }).waitFor();

        const stored = (await api<{ items: { name: string; when: unknown; actions: unknown }[] }>(parley, 'GET', '/api/v1/rules', token)).body.items;
        expect(stored).toEqual([expect.objectContaining({ name: 'Rechnungen zuerst', when: { all: [{ field: 'text', op: 'contains', value: 'rechnung' }] }, actions: [{ type: 'setPriority', priority: 'urgent' }] })]);

        await page.getByTestId('rule-test-conversation').fill(conversationId);
        await page.getByTestId('rule-test').click();
        const result = page.getByTestId('rule-test-result');
        await result.waitFor();
        await expect.poll(() => result.textContent()).toContain('Rechnungen zuerst');
        const text = (await result.textContent()) ?? '';
        expect(text).toContain('würde greifen');
        expect(text).toContain('"priority":"urgent"');
        await page.screenshot({ path: `${SHOTS}/automation-rules.png`, fullPage: true });
      } finally {
        await context.close();
      }
      // Testing changed nothing.
      expect((await api<{ priority: string }>(parley, 'GET', `/api/v1/conversations/${conversationId}`, token)).body.priority).toBe(before);
    }, 120_000);

    it('builds a rule with an "any of" group, edits it again, and shows a deeper nested rule in words only', async () => {
      const deep = { field: 'urgent', op: 'eq', value: true };
      await api(parley, 'POST', '/api/v1/rules', token, { name: 'Tief verschachtelt', on: ['message.received'], when: { any: [{ all: [{ any: [deep] }] }] }, actions: [{ type: 'addNote', text: 'tief' }] });
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'de-DE' });
      const page = await context.newPage();
      try {
        await page.goto(parley.url);
        await page.getByTestId('login-email').fill('admin@demo.example');
        await page.getByTestId('login-password').fill(PASSWORD);
        await page.getByTestId('login-submit').click();
        await page.getByTestId('inbox-row').first().waitFor();
        await page.goto(`${parley.url}/settings/rules`);
        await page.getByTestId('rule-editor').waitFor();

        await page.getByTestId('rule-name').fill('Storno von VIP oder Rechnung');
        await page.getByTestId('rule-condition-value').first().fill('storno');
        await page.getByTestId('rule-add-group').click();
        const group = page.getByTestId('rule-group');
        await group.getByLabel('Feld').selectOption('contact.vip');
        await group.getByTestId('rule-condition-value').fill('true');
        await group.getByTestId('rule-group-add-condition').click();
        await group.getByLabel('Feld').last().selectOption('category');
        await group.getByTestId('rule-condition-value').last().fill('billing');
        await page.screenshot({ path: `${SHOTS}/automation-rule-groups.png`, fullPage: true });
        await page.getByTestId('rule-save').click();
        await page.getByTestId('rule-row').filter({ hasText: 'Storno von VIP oder Rechnung' }).waitFor();

        const storedWhen = async () => (await api<{ items: { name: string; when: unknown }[] }>(parley, 'GET', '/api/v1/rules', token)).body.items.find((r) => r.name === 'Storno von VIP oder Rechnung')?.when;
        expect(await storedWhen()).toEqual({ all: [{ field: 'text', op: 'contains', value: 'storno' }, { any: [{ field: 'contact.vip', op: 'eq', value: true }, { field: 'category', op: 'eq', value: 'billing' }] }] });
        const row = page.getByTestId('rule-row').filter({ hasText: 'Storno von VIP oder Rechnung' });
        expect(await row.getByTestId('rule-condition-summary').textContent()).toBe('alle von (Nachrichtentext enthält storno; eine von (Kontakt ist VIP ist true; Kategorie ist billing))');

        // Read back into the editor: the group is there and switches to "all of".
        await row.getByRole('button', { name: 'Bearbeiten' }).click();
        await expect.poll(() => page.getByTestId('rule-group').getByTestId('rule-condition-value').count()).toBe(2);
        expect(await page.getByTestId('rule-group-join').inputValue()).toBe('any');
        await page.getByTestId('rule-group-join').selectOption('all');
        await page.getByTestId('rule-join').selectOption('any');
        await page.getByTestId('rule-save').click();
        await expect.poll(storedWhen).toEqual({ any: [{ field: 'text', op: 'contains', value: 'storno' }, { all: [{ field: 'contact.vip', op: 'eq', value: true }, { field: 'category', op: 'eq', value: 'billing' }] }] });

        const nested = page.getByTestId('rule-row').filter({ hasText: 'Tief verschachtelt' });
        expect(await nested.getByTestId('rule-condition-summary').textContent()).toBe('eine von (alle von (eine von (Dringend ist true)))');
        expect(await nested.getByRole('button', { name: 'Bearbeiten' }).isDisabled()).toBe(true);
      } finally {
        await context.close();
      }
    }, 120_000);

    it('saves an agent\'s skills and capacity, and shows a team\'s queue', async () => {
      const agents = (await api<{ items: { id: string; name: string }[] }>(parley, 'GET', '/api/v1/agents', token)).body.items;
      const first = agents[0];
      if (!first) throw new Error('the demo has no agents');
      const team = (await api<{ id: string }>(parley, 'POST', '/api/v1/teams', token, { name: 'Warteschlangen-Test', memberIds: [first.id] })).body.id;
      await api(parley, 'PUT', `/api/v1/teams/${team}/routing`, token, { mode: 'manual' });
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'de-DE' });
      const page = await context.newPage();
      try {
        await page.goto(parley.url);
        await page.getByTestId('login-email').fill('admin@demo.example');
        await page.getByTestId('login-password').fill(PASSWORD);
        await page.getByTestId('login-submit').click();
        await page.getByTestId('inbox-row').first().waitFor();
        await page.goto(`${parley.url}/settings/agents`);
        const form = page.getByTestId('agent-profile').filter({ hasText: first.name });
        await form.getByLabel(/Produkte|Products/).fill('Router X1, Modem M2');
        await form.getByLabel(/Kapazität|Capacity/).fill('api: 4, email: 9');
        await form.getByRole('button', { name: /Speichern|Save/ }).click();
        await expect.poll(async () => (await api<{ items: { id: string; products: string[]; capacity: Record<string, number> }[] }>(parley, 'GET', '/api/v1/agents', token)).body.items.find((a) => a.id === first.id)).toMatchObject({ products: ['Router X1', 'Modem M2'], capacity: { api: 4, email: 9 } });

        await page.goto(`${parley.url}/settings/queues`);
        await page.getByLabel('Team').selectOption(team);
        await expect.poll(async () => (await page.locator('#main').textContent()) ?? '').toContain('manuell');

        // The view follows the live stream, well before its one-minute safety poll.
        await api(parley, 'PUT', `/api/v1/agents/${first.id}/presence`, token, { presence: 'offline' });
        await page.getByTestId('queue-online').waitFor({ state: 'detached', timeout: 10_000 });
        await api(parley, 'PUT', `/api/v1/agents/${first.id}/presence`, token, { presence: 'online' });
        await page.getByTestId('queue-online').filter({ hasText: first.name }).waitFor({ timeout: 10_000 });
        const channel = (await api<{ id: string }>(parley, 'POST', '/api/v1/channels', token, { type: 'api', name: 'Warteschlange live' })).body.id;
        const { conversationId } = (await api<{ conversationId: string }>(parley, 'POST', `/api/v1/channels/${channel}/inbound`, token, { externalId: `queue-${Date.now()}`, from: { id: 'wartend', name: 'Wanda Wartend' }, text: 'Ich warte auf Antwort.' })).body;
        expect((await api(parley, 'PATCH', `/api/v1/conversations/${conversationId}`, token, { teamId: team, handoverNote: 'Bitte aus der Warteschlange nehmen.' })).status).toBe(200);
        // It arrived while an agent was online and was handed out at once from the general queue; unassigned, it waits in the manual team's queue.
        expect((await api(parley, 'PATCH', `/api/v1/conversations/${conversationId}`, token, { assigneeId: null })).status).toBe(200);
        await page.getByTestId('queue-waiting').filter({ hasText: 'Wanda Wartend' }).waitFor({ timeout: 10_000 });
        await page.screenshot({ path: `${SHOTS}/team-queue.png`, fullPage: true });
      } finally {
        await context.close();
      }
    }, 120_000);
  });
}
