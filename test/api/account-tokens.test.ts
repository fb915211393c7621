import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pruneAccountTokens } from '../../src/db/account-tokens.js';
import { addHit, countHits, pruneRateLimitHits } from '../../src/db/rate-limits.js';
import { backends } from '../support/backends.js';
import { api, createTenant, startTestParley, type Tenant, type TestParley } from '../support/parley.js';
import { linkMailedTo, sessionCookie, tokenOf } from '../support/mail-links.js';
import { startCapturingSmtp } from '../support/smtp-capture.js';

const backend = backends()[0];
type Problem = { error: { code: string; message: string } };

async function login(p: TestParley, email: string, password: string) {
  return api<{ csrfToken: string; user: { role: string } }>(p, 'POST', '/api/v1/auth/login', null, { email, password });
}

describe('password reset and invitations', () => {
  let p: TestParley;
  let t: Tenant;
  let other: Tenant;
  let smtp: Awaited<ReturnType<typeof startCapturingSmtp>>;
  beforeAll(async () => {
    if (!backend) throw new Error('no backend');
    p = await startTestParley(backend);
    t = await createTenant(p);
    other = await createTenant(p);
    smtp = await startCapturingSmtp('team@shop.example', 'smtp-geheim');
    for (const tenant of [t, other]) {
      const channel = await api(p, 'POST', '/api/v1/channels', tenant.token, { type: 'email', name: 'Team', settings: { address: `team-${tenant.slug}@shop.example`, smtp: { host: '127.0.0.1', port: smtp.port, secure: false, user: 'team@shop.example' }, smtpPassword: 'smtp-geheim' } });
      expect(channel.status).toBe(201);
    }
  });
  afterAll(async () => {
    await smtp.close();
    await p.drop();
  });

  it('answers the same for known and unknown addresses and mails a one-hour link only to the known one', async () => {
    const unknown = await api(p, 'POST', '/api/v1/auth/password-reset', null, { email: 'nobody@nowhere.example' });
    const known = await api(p, 'POST', '/api/v1/auth/password-reset', null, { email: t.adminEmail.toUpperCase() });
    expect(unknown.status).toBe(202);
    expect(known.status).toBe(202);
    expect(known.body).toEqual(unknown.body);
    const { link, raw } = await linkMailedTo(smtp.mails, t.adminEmail, 'reset-password');
    expect(link.startsWith(`${p.url}/reset-password#token=`)).toBe(true);
    expect(raw).toMatch(/Passwort/);
    expect(smtp.mails.some((m) => m.rcptTo.includes('nobody@nowhere.example'))).toBe(false);
    const stored = await p.db.selectFrom('accountTokens').select(['tokenHash', 'expiresAt']).where('email', '=', t.adminEmail).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.tokenHash).not.toContain(tokenOf(link));
    expect(stored[0]?.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 3600_000);
  });

  it('sets the new password once, ends every session and spends the other links', async () => {
    const session = await login(p, t.adminEmail, t.password);
    const cookie = sessionCookie(session.headers);
    const seen = smtp.mails.filter((m) => m.rcptTo.includes(t.adminEmail)).length;
    await api(p, 'POST', '/api/v1/auth/password-reset', null, { email: t.adminEmail });
    const first = tokenOf((await linkMailedTo(smtp.mails, t.adminEmail, 'reset-password', seen)).link);
    await api(p, 'POST', '/api/v1/auth/password-reset', null, { email: t.adminEmail });
    const second = tokenOf((await linkMailedTo(smtp.mails, t.adminEmail, 'reset-password', seen + 1)).link);

    for (const bad of ['', '   ', ` ${first}`, `${first.slice(0, -1)}x`]) {
      const res = await api<Problem>(p, 'POST', '/api/v1/auth/password-reset/confirm', null, { token: bad, password: 'ein neues langes Passwort' });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('invalid');
    }
    const short = await api<Problem>(p, 'POST', '/api/v1/auth/password-reset/confirm', null, { token: first, password: 'kurz' });
    expect(short.status).toBe(400);
    expect((await login(p, t.adminEmail, t.password)).status).toBe(200);

    // A stale session cookie in the browser does not get in the way of a reset.
    const done = await api(p, 'POST', '/api/v1/auth/password-reset/confirm', null, { token: first, password: 'ein neues langes Passwort' }, { cookie });
    expect(done.status).toBe(204);
    expect((await api(p, 'GET', '/api/v1/auth/me', null, undefined, { cookie })).status).toBe(401);
    expect((await login(p, t.adminEmail, t.password)).status).toBe(401);
    expect((await login(p, t.adminEmail, 'ein neues langes Passwort')).status).toBe(200);
    for (const spent of [first, second]) {
      expect((await api(p, 'POST', '/api/v1/auth/password-reset/confirm', null, { token: spent, password: 'noch ein anderes Passwort' })).status).toBe(400);
    }
    t.password = 'ein neues langes Passwort';
    const audit = await api<{ items: { action: string }[] }>(p, 'GET', '/api/v1/audit-log?action=user.password_reset', t.token);
    expect(audit.body.items).toHaveLength(1);
  });

  it('refuses an expired reset link', async () => {
    const seen = smtp.mails.filter((m) => m.rcptTo.includes(other.adminEmail)).length;
    await api(p, 'POST', '/api/v1/auth/password-reset', null, { email: other.adminEmail });
    const token = tokenOf((await linkMailedTo(smtp.mails, other.adminEmail, 'reset-password', seen)).link);
    await p.db.updateTable('accountTokens').set({ expiresAt: new Date(Date.now() - 1000) }).where('email', '=', other.adminEmail).execute();
    const res = await api<Problem>(p, 'POST', '/api/v1/auth/password-reset/confirm', null, { token, password: 'ein neues langes Passwort' });
    expect(res.status).toBe(400);
    expect((await login(p, other.adminEmail, other.password)).status).toBe(200);
  });

  it('limits reset requests per address, whether the account exists or not', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await api(p, 'POST', '/api/v1/auth/password-reset', null, { email: 'flood@nowhere.example' })).status);
    expect(statuses.slice(0, 5)).toEqual([202, 202, 202, 202, 202]);
    const limited = await api<Problem>(p, 'POST', '/api/v1/auth/password-reset', null, { email: 'Flood@nowhere.example' });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('lets an admin invite someone who then chooses name and password and is logged in', async () => {
    expect((await api(p, 'POST', '/api/v1/users/invites', t.tokens.agent, { email: 'neu@shop.example', role: 'agent' })).status).toBe(403);
    expect((await api(p, 'POST', '/api/v1/users/invites', t.token, { email: 'neu@shop.example', role: 'agent', workspaceId: other.workspaceId })).status).toBe(400);
    const created = await api<{ id: string; link: string; mailed: boolean; role: string }>(p, 'POST', '/api/v1/users/invites', t.token, { email: 'neu@shop.example', role: 'agent', locale: 'en' });
    expect(created.status).toBe(201);
    expect(created.body.mailed).toBe(true);
    const { link, raw } = await linkMailedTo(smtp.mails, 'neu@shop.example', 'invitation');
    expect(link).toBe(created.body.link);
    expect(raw).toMatch(/invited/);
    const token = tokenOf(link);
    expect((await api<{ items: { id: string }[] }>(p, 'GET', '/api/v1/users/invites', t.token)).body.items.map((i) => i.id)).toEqual([created.body.id]);
    expect((await api<{ items: unknown[] }>(p, 'GET', '/api/v1/users/invites', other.token)).body.items).toEqual([]);
    // Another workspace's admin cannot withdraw it.
    expect((await api(p, 'DELETE', `/api/v1/users/invites/${created.body.id}`, other.token)).status).toBe(404);

    const details = await api<{ email: string; role: string; workspace: string }>(p, 'POST', '/api/v1/auth/invitation', null, { token });
    expect(details.body).toEqual({ email: 'neu@shop.example', role: 'agent', workspace: `Workspace ${t.slug}` });
    for (const bad of ['', '  \t ']) expect((await api(p, 'POST', '/api/v1/auth/invitation', null, { token: bad })).status).toBe(400);
    expect((await api(p, 'POST', '/api/v1/auth/invitation/accept', null, { token, name: 'Neu', password: 'kurz' })).status).toBe(400);
    expect((await api(p, 'POST', '/api/v1/auth/invitation/accept', null, { token, name: 'Neu', password: 'lang genug und geheim', role: 'admin' })).status).toBe(400);

    const accepted = await api<{ user: { email: string; role: string; name: string }; workspace: { id: string }; csrfToken: string }>(p, 'POST', '/api/v1/auth/invitation/accept', null, { token, name: 'Nele Neu', password: 'lang genug und geheim' });
    expect(accepted.status).toBe(201);
    expect(accepted.body.user).toMatchObject({ email: 'neu@shop.example', role: 'agent', name: 'Nele Neu' });
    expect(accepted.body.workspace.id).toBe(t.workspaceId);
    const me = await api<{ user: { email: string } }>(p, 'GET', '/api/v1/auth/me', null, undefined, { cookie: sessionCookie(accepted.headers) });
    expect(me.body.user.email).toBe('neu@shop.example');
    const again = await api<Problem>(p, 'POST', '/api/v1/auth/invitation/accept', null, { token, name: 'Noch mal', password: 'lang genug und geheim' });
    expect(again.status).toBe(400);
    expect((await api<{ items: unknown[] }>(p, 'GET', '/api/v1/users/invites', t.token)).body.items).toEqual([]);
    expect((await api(p, 'POST', '/api/v1/users/invites', t.token, { email: 'NEU@shop.example', role: 'viewer' })).status).toBe(409);
  });

  it('stops a withdrawn or expired invitation', async () => {
    const withdrawn = await api<{ id: string; link: string }>(p, 'POST', '/api/v1/users/invites', t.token, { email: 'zurueck@shop.example', role: 'viewer' });
    expect((await api(p, 'DELETE', `/api/v1/users/invites/${withdrawn.body.id}`, t.token)).status).toBe(204);
    expect((await api(p, 'POST', '/api/v1/auth/invitation/accept', null, { token: tokenOf(withdrawn.body.link), name: 'Z', password: 'lang genug und geheim' })).status).toBe(400);
    const expired = await api<{ id: string; link: string }>(p, 'POST', '/api/v1/users/invites', other.token, { email: 'spaet@shop.example', role: 'viewer' });
    await p.db.updateTable('accountTokens').set({ expiresAt: new Date(Date.now() - 1000) }).where('id', '=', expired.body.id).execute();
    expect((await api(p, 'POST', '/api/v1/auth/invitation/accept', null, { token: tokenOf(expired.body.link), name: 'S', password: 'lang genug und geheim' })).status).toBe(400);
    const users = await p.db.selectFrom('users').select('email').where('email', 'in', ['zurueck@shop.example', 'spaet@shop.example']).execute();
    expect(users).toEqual([]);
  });

  it('keeps a hostile workspace name out of the invitation mail\'s headers', async () => {
    await p.db.updateTable('workspaces').set({ name: 'Evil\r\nBcc: attacker@evil.example\r\nX-Injected: 1' }).where('id', '=', other.workspaceId).execute();
    const created = await api(p, 'POST', '/api/v1/users/invites', other.token, { email: 'ziel@shop.example', role: 'viewer', locale: 'en' });
    expect(created.status).toBe(201);
    const { raw } = await linkMailedTo(smtp.mails, 'ziel@shop.example', 'invitation');
    const head = raw.split(/\r?\n\r?\n/)[0] ?? '';
    expect(head).not.toMatch(/^(Bcc|X-Injected):/im);
    expect(smtp.mails.some((m) => m.rcptTo.includes('attacker@evil.example'))).toBe(false);
  });

  it('still hands the admin the link when the workspace cannot send mail', async () => {
    const lonely = await createTenant(p);
    const created = await api<{ link: string; mailed: boolean; mailError: string }>(p, 'POST', '/api/v1/users/invites', lonely.token, { email: 'ohne-mail@shop.example', role: 'agent' });
    expect(created.status).toBe(201);
    expect(created.body.mailed).toBe(false);
    expect(created.body.mailError).toMatch(/e-mail channel/);
    expect((await api(p, 'POST', '/api/v1/auth/invitation', null, { token: tokenOf(created.body.link) })).status).toBe(200);
  });

  it('forgets links a month after they expired and counters a day after their minute', async () => {
    const before = await p.db.selectFrom('accountTokens').select('id').execute();
    const old = await p.db.selectFrom('accountTokens').select('id').limit(1).executeTakeFirstOrThrow();
    await p.db.updateTable('accountTokens').set({ expiresAt: new Date(Date.now() - 31 * 86_400_000) }).where('id', '=', old.id).execute();
    await pruneAccountTokens(p.db);
    const after = await p.db.selectFrom('accountTokens').select('id').execute();
    expect(after.map((r) => r.id).sort()).toEqual(before.map((r) => r.id).filter((id) => id !== old.id).sort());

    await addHit(p.db, ['prune-old'], Date.now() - 25 * 3600_000, 60_000);
    await addHit(p.db, ['prune-new'], Date.now(), 60_000);
    await pruneRateLimitHits(p.db);
    const counts = await countHits(p.db, ['prune-old', 'prune-new'], 48 * 3600_000, Date.now());
    expect(counts.map((c) => c.count)).toEqual([0, 1]);
  });
});
