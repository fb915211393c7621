import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendDueSurveys } from '../../src/csat/send-surveys.js';
import { createUser } from '../../src/db/users.js';
import { createSecretBox, loadSecretKey, type SecretBox } from '../../src/security/secret-box.js';
import { backends } from '../support/backends.js';
import { startCapturingSmtp } from '../support/smtp-capture.js';
import { api, createTenant, startTestParley, type Tenant, type TestParley } from '../support/parley.js';
import { startWebhookReceiver } from '../support/webhook-receiver.js';

const backend = backends()[0];

interface Survey {
  id: string;
  via: string;
  status: string;
  skipReason: string | null;
  rating: number | null;
  comment: string | null;
  answeredAt: string | null;
}
interface Figures {
  sent: number;
  answered: number;
  responseRate: number | null;
  average: number | null;
  distribution: number[];
}

const TOKEN_IN = /\/csat\/(cs_[A-Za-z0-9_-]+)/;

describe('satisfaction surveys after resolution', () => {
  let p: TestParley;
  let t: Tenant;
  let box: SecretBox;
  let shopChannel: string;
  let mailChannel: string;
  let agentId: string;
  let teamId: string;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let smtp: Awaited<ReturnType<typeof startCapturingSmtp>>;
  let n = 0;
  let answered = '';

  async function complain(channelId: string, from: { id: string; email?: string }, text = 'Mein Paket ist seit zwei Wochen nicht angekommen, wo bleibt meine Lieferung?'): Promise<string> {
    n += 1;
    const r = await api<{ conversationId: string }>(p, 'POST', `/api/v1/channels/${channelId}/inbound`, t.token, { externalId: `csat-${n}`, from: { ...from, name: `Kunde ${from.id}` }, text, threadKey: `csat-thread-${n}` });
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    return r.body.conversationId;
  }
  async function resolve(conversationId: string): Promise<void> {
    const handover = await api(p, 'PATCH', `/api/v1/conversations/${conversationId}`, t.token, { assigneeId: agentId, teamId, handoverNote: 'Lieferung geklärt' });
    expect(handover.status, JSON.stringify(handover.body)).toBe(200);
    expect((await api(p, 'PATCH', `/api/v1/conversations/${conversationId}`, t.tokens.agent, { status: 'resolved' })).status).toBe(200);
  }
  // The server's own worker may get there first; either way each resolution is surveyed once.
  const runWorker = () => sendDueSurveys(p.db, box, { baseUrl: p.url, allowPrivateNetworks: true });
  const surveys = async (conversationId: string) => (await api<{ items: Survey[] }>(p, 'GET', `/api/v1/conversations/${conversationId}/csat`, t.tokens.viewer)).body.items;
  const answer = (token: string, form: Record<string, string>) =>
    fetch(`${p.url}/csat/${token}`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });

  beforeAll(async () => {
    if (!backend) throw new Error('no backend');
    p = await startTestParley(backend);
    t = await createTenant(p);
    box = createSecretBox(loadSecretKey({}, p.dataDir));
    let secret = '';
    receiver = await startWebhookReceiver(() => secret);
    smtp = await startCapturingSmtp('service@shop.example', 'smtp-geheim');
    const shop = await api<{ id: string; generatedSecrets: { webhookSecret: string } }>(p, 'POST', '/api/v1/channels', t.token, { type: 'api', name: 'Shop-App', settings: { webhookUrl: receiver.url } });
    shopChannel = shop.body.id;
    secret = shop.body.generatedSecrets.webhookSecret;
    mailChannel = (await api<{ id: string }>(p, 'POST', '/api/v1/channels', t.token, { type: 'api', name: 'Kontaktformular' })).body.id;
    await api(p, 'POST', '/api/v1/channels', t.token, { type: 'email', name: 'Shop Service', settings: { address: 'service@shop.example', smtp: { host: '127.0.0.1', port: smtp.port, secure: false, user: 'service@shop.example' }, smtpPassword: 'smtp-geheim' } });
    agentId = (await createUser(p.db, t.workspaceId, { email: `mara@${t.slug}.example`, name: 'Mara Agentin', role: 'agent' })).id;
    teamId = (await api<{ id: string }>(p, 'POST', '/api/v1/teams', t.token, { name: 'Versand' })).body.id;
  });
  afterAll(async () => {
    await receiver.close();
    await smtp.close();
    await p.drop();
  });

  it('lets admins choose per channel, and refuses what a channel cannot do', async () => {
    expect((await api(p, 'GET', `/api/v1/channels/${shopChannel}/csat`, t.tokens.viewer)).body).toMatchObject({ mode: 'off' });
    expect((await api(p, 'PUT', `/api/v1/channels/${shopChannel}/csat`, t.tokens.agent, { mode: 'channel' })).status).toBe(403);
    expect((await api(p, 'PUT', `/api/v1/channels/${shopChannel}/csat`, t.token, { mode: 'sms' })).status).toBe(400);
    expect((await api(p, 'PUT', `/api/v1/channels/${shopChannel}/csat`, t.token, { mode: 'channel', delayMinutes: -5 })).status).toBe(400);
    const reviews = await api<{ id: string }>(p, 'POST', '/api/v1/channels', t.token, { type: 'review_import', name: 'Bewertungen' });
    const refused = await api<{ error: { code: string; message: string } }>(p, 'PUT', `/api/v1/channels/${reviews.body.id}/csat`, t.token, { mode: 'email' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/never surveyed/);
    const phone = await api<{ id: string }>(p, 'POST', '/api/v1/channels', t.token, { type: 'phone', name: 'Hotline' });
    expect((await api(p, 'PUT', `/api/v1/channels/${phone.body.id}/csat`, t.token, { mode: 'channel' })).status).toBe(400);
    expect((await api(p, 'PUT', `/api/v1/channels/${phone.body.id}/csat`, t.token, { mode: 'email' })).status).toBe(200);

    const saved = await api(p, 'PUT', `/api/v1/channels/${shopChannel}/csat`, t.token, { mode: 'channel', scale: 'emoji', delayMinutes: 0, cooldownDays: 30 });
    expect(saved.body).toEqual({ channelId: shopChannel, mode: 'channel', scale: 'emoji', delayMinutes: 0, cooldownDays: 30 });
    expect((await api(p, 'GET', `/api/v1/channels/${shopChannel}/csat`, t.tokens.agent)).body).toMatchObject({ mode: 'channel', scale: 'emoji' });
  });

  it('asks in the channel once after resolution, and the page records the rating once', async () => {
    const conversationId = await complain(shopChannel, { id: 'lena' });
    answered = conversationId;
    await runWorker();
    expect(await surveys(conversationId)).toEqual([]); // not resolved yet: nobody is asked
    await resolve(conversationId);
    await runWorker();
    await runWorker();
    const [survey, ...more] = await surveys(conversationId);
    expect(more).toEqual([]);
    expect(survey).toMatchObject({ via: 'channel', status: 'sent', rating: null });

    // The survey is a reply in the conversation, delivered through the channel like any other.
    const delivered = await waitFor(() => receiver.received.find((r) => JSON.stringify(r.body).includes('/csat/')));
    const text = JSON.stringify(delivered.body);
    expect(text).toContain('Wie zufrieden');
    expect(text).toContain('😄');
    const token = TOKEN_IN.exec(text)?.[1] ?? '';
    expect(token).not.toBe('');

    const page = await fetch(`${p.url}/csat/${token}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
    const html = await page.text();
    expect(html).toContain('lang="de"');
    expect(html).toContain('name="rating"');

    expect((await answer(token, { comment: 'ohne Bewertung' })).status).toBe(400);
    expect((await surveys(conversationId))[0]?.rating).toBeNull();

    const first = await answer(token, { rating: '2', comment: 'Hat lange gedauert <script>alert(1)</script>' });
    expect(first.status).toBe(303);
    const again = await fetch(`${p.url}/csat/${token}`);
    const thanked = await again.text();
    expect(thanked).toContain('Vielen Dank');
    expect(thanked).toContain('&lt;script&gt;');
    expect(thanked).not.toContain('<script>');
    // A slip of the finger may be corrected for a few minutes.
    expect((await answer(token, { rating: '4', comment: 'Doch ganz gut' })).status).toBe(303);
    expect((await surveys(conversationId))[0]).toMatchObject({ rating: 4, comment: 'Doch ganz gut' });

    await p.db.updateTable('csatSurveys').set({ answeredAt: new Date(Date.now() - 11 * 60_000) }).where('conversationId', '=', conversationId).execute();
    expect((await answer(token, { rating: '1' })).status).toBe(409);
    expect((await fetch(`${p.url}/csat/${token}`)).status).toBe(409);
    expect((await surveys(conversationId))[0]).toMatchObject({ rating: 4, comment: 'Doch ganz gut' });

    const history = await api<{ items: { type: string }[] }>(p, 'GET', `/api/v1/conversations/${conversationId}/events`, t.token);
    expect(history.body.items.map((h) => h.type)).toEqual(expect.arrayContaining(['csat.answered', 'csat.changed']));
  });

  it('refuses an unknown, blank or expired link', async () => {
    expect((await fetch(`${p.url}/csat/cs_unknown`)).status).toBe(404);
    expect((await fetch(`${p.url}/csat/%20`)).status).toBe(404);
    expect((await answer('cs_unknown', { rating: '5' })).status).toBe(404);
    const conversationId = await complain(shopChannel, { id: 'jonas' });
    await resolve(conversationId);
    await runWorker();
    const delivered = await waitFor(() => receiver.received.find((r) => JSON.stringify(r.body).includes(conversationId) && JSON.stringify(r.body).includes('/csat/')));
    const token = TOKEN_IN.exec(JSON.stringify(delivered.body))?.[1] ?? '';
    await p.db.updateTable('csatSurveys').set({ expiresAt: new Date(Date.now() - 1000) }).where('conversationId', '=', conversationId).execute();
    expect((await fetch(`${p.url}/csat/${token}`)).status).toBe(410);
    expect((await answer(token, { rating: '5' })).status).toBe(409);
    expect((await surveys(conversationId))[0]?.rating).toBeNull();
  });

  it('skips the same contact within the cooldown and conversations that are no customer case', async () => {
    const again = await complain(shopChannel, { id: 'lena' });
    await resolve(again);
    await runWorker();
    expect((await surveys(again))[0]).toMatchObject({ status: 'skipped', skipReason: 'recently_asked' });

    const noise = await complain(shopChannel, { id: 'bot-42' });
    await p.db.updateTable('conversations').set({ category: 'other' }).where('id', '=', noise).execute();
    await resolve(noise);
    await runWorker();
    expect((await surveys(noise))[0]).toMatchObject({ status: 'skipped', skipReason: 'not_a_customer_case' });
  });

  it('asks by e-mail with a link when the channel says so', async () => {
    await api(p, 'PUT', `/api/v1/channels/${mailChannel}/csat`, t.token, { mode: 'email', delayMinutes: 0 });
    const withMail = await complain(mailChannel, { id: 'form-1', email: 'kim@example.de' }, 'My parcel never arrived, where is my delivery?');
    const without = await complain(mailChannel, { id: 'form-2' });
    await resolve(withMail);
    await resolve(without);
    await runWorker();
    await waitFor(() => smtp.mails.find((m) => m.rcptTo.includes('kim@example.de')));
    // A worker that stopped between claiming and mailing leaves the survey "sending"; it is sent again later.
    await p.db.updateTable('csatSurveys').set({ status: 'sending', sentAt: null, createdAt: new Date(Date.now() - 11 * 60_000) }).where('conversationId', '=', withMail).execute();
    await runWorker();
    const toKim = () => smtp.mails.filter((m) => m.rcptTo.includes('kim@example.de'));
    const mails = await waitFor(() => (toKim().length === 2 ? toKim() : undefined));
    const raw = (mails[1]?.raw.toString() ?? '').replace(/=\r?\n/g, '');
    expect(raw).toContain('How satisfied are you with our help');
    const token = TOKEN_IN.exec(raw)?.[1] ?? '';
    expect((await surveys(withMail))[0]).toMatchObject({ via: 'email', status: 'sent' });
    expect((await surveys(without))[0]).toMatchObject({ status: 'skipped', skipReason: 'no_address' });
    expect((await answer(token, { rating: '5' })).status).toBe(303);
    expect((await surveys(withMail))[0]?.rating).toBe(5);
  });

  it('reports per agent, team and channel', async () => {
    const byAgent = await api<{ total: Figures; groups: (Figures & { id: string; name: string })[]; trend: { answered: number }[] }>(p, 'GET', '/api/v1/reports/csat?groupBy=agent', t.tokens.viewer);
    expect(byAgent.status).toBe(200);
    expect(byAgent.body.total).toMatchObject({ answered: 2, average: 4.5, distribution: [0, 0, 0, 1, 1] });
    const mara = byAgent.body.groups.find((g) => g.id === agentId);
    expect(mara).toMatchObject({ name: 'Mara Agentin', answered: 2, average: 4.5 });
    expect(mara?.sent).toBe(3);
    expect(mara?.responseRate).toBeCloseTo(2 / 3, 2);
    expect(byAgent.body.trend.reduce((s, d) => s + d.answered, 0)).toBe(2);

    const byTeam = await api<{ groups: (Figures & { id: string; name: string })[] }>(p, 'GET', '/api/v1/reports/csat?groupBy=team', t.token);
    expect(byTeam.body.groups).toEqual([expect.objectContaining({ id: teamId, name: 'Versand', answered: 2 })]);
    const byChannel = await api<{ groups: (Figures & { id: string })[] }>(p, 'GET', '/api/v1/reports/csat?groupBy=channel', t.token);
    expect(byChannel.body.groups.find((g) => g.id === mailChannel)).toMatchObject({ sent: 1, answered: 1, average: 5 });

    expect((await api(p, 'GET', '/api/v1/reports/csat?groupBy=mood', t.token)).status).toBe(400);
    expect((await api(p, 'GET', '/api/v1/reports/csat?from=2026-12-01&to=2026-11-01', t.token)).status).toBe(400);
    const other = await createTenant(p);
    expect((await api<{ total: Figures }>(p, 'GET', '/api/v1/reports/csat', other.token)).body.total.sent).toBe(0);
    const lena = (await api<{ items: { id: string }[] }>(p, 'GET', '/api/v1/conversations', t.token)).body.items[0]?.id ?? '';
    const foreign = await api(p, 'GET', `/api/v1/conversations/${lena}/csat`, other.token);
    expect(foreign.status).toBe(404);
    expect(JSON.stringify(foreign.body)).not.toContain('rating');
  });

  it('hands the answer out in the contact export', async () => {
    const contactId = (await api<{ contactId: string }>(p, 'GET', `/api/v1/conversations/${answered}`, t.token)).body.contactId;
    const archive = await api<{ satisfactionSurveys: { conversationId: string; rating: number | null; comment: string | null }[] }>(p, 'GET', `/api/v1/contacts/${contactId}/export`, t.token);
    expect(archive.status).toBe(200);
    expect(archive.body.satisfactionSurveys).toContainEqual(expect.objectContaining({ conversationId: answered, rating: 4, comment: 'Doch ganz gut' }));
  });
});

async function waitFor<T>(find: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const hit = find();
    if (hit !== undefined) return hit;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}
