import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../support/backends.js';
import { sessionCookie } from '../support/mail-links.js';
import { api, createTenant, startTestParley, type Tenant, type TestParley } from '../support/parley.js';

const backend = backends()[0];

describe('login, sessions and CSRF', () => {
  let p: TestParley;
  let t: Tenant;
  beforeAll(async () => {
    if (!backend) throw new Error('no backend');
    p = await startTestParley(backend);
    t = await createTenant(p);
  });
  afterAll(async () => p.drop());

  it('logs in with an HTTP-only cookie and needs the CSRF token for changes', async () => {
    const login = await api<{ csrfToken: string; user: { email: string } }>(p, 'POST', '/api/v1/auth/login', null, { email: t.adminEmail.toUpperCase(), password: t.password });
    expect(login.status).toBe(200);
    const setCookie = login.headers.getSetCookie().join(';');
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const cookie = sessionCookie(login.headers);
    const me = await api<{ user: { email: string }; csrfToken: string }>(p, 'GET', '/api/v1/auth/me', null, undefined, { cookie });
    expect(me.body.user.email).toBe(t.adminEmail);
    expect(me.body.csrfToken).toBe(login.body.csrfToken);
    const noCsrf = await api(p, 'POST', '/api/v1/labels', null, { name: 'Lob' }, { cookie });
    expect(noCsrf.status).toBe(403);
    const wrongCsrf = await api(p, 'POST', '/api/v1/labels', null, { name: 'Lob' }, { cookie, 'x-csrf-token': 'csrf_wrong' });
    expect(wrongCsrf.status).toBe(403);
    const ok = await api(p, 'POST', '/api/v1/labels', null, { name: 'Lob' }, { cookie, 'x-csrf-token': login.body.csrfToken });
    expect(ok.status).toBe(201);
    const out = await api(p, 'POST', '/api/v1/auth/logout', null, undefined, { cookie, 'x-csrf-token': login.body.csrfToken });
    expect(out.status).toBe(204);
    expect((await api(p, 'GET', '/api/v1/auth/me', null, undefined, { cookie })).status).toBe(401);
  });

  it('says the same for an unknown e-mail and a wrong password, and rate-limits guessing', async () => {
    const unknown = await api<{ error: { message: string } }>(p, 'POST', '/api/v1/auth/login', null, { email: 'nobody@example.org', password: 'whatever-long' });
    const wrong = await api<{ error: { message: string } }>(p, 'POST', '/api/v1/auth/login', null, { email: t.adminEmail, password: 'wrong-password' });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body.error.message).toBe(wrong.body.error.message);
    let last = 0;
    for (let i = 0; i < 12; i++) last = (await api(p, 'POST', '/api/v1/auth/login', null, { email: t.adminEmail, password: `guess-${i}-xxxx` })).status;
    expect(last).toBe(429);
    const limited = await api(p, 'POST', '/api/v1/auth/login', null, { email: t.adminEmail, password: t.password });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('stops honouring a revoked API token', async () => {
    const created = await api<{ id: string; token: string }>(p, 'POST', '/api/v1/tokens', t.token, { name: 'script', role: 'agent' });
    expect(created.status).toBe(201);
    expect((await api(p, 'GET', '/api/v1/conversations', created.body.token)).status).toBe(200);
    const list = await api(p, 'GET', '/api/v1/tokens', t.token);
    expect(JSON.stringify(list.body)).not.toContain(created.body.token);
    expect((await api(p, 'DELETE', `/api/v1/tokens/${created.body.id}`, t.token)).status).toBe(204);
    expect((await api(p, 'GET', '/api/v1/conversations', created.body.token)).status).toBe(401);
  });

  it('shares canned responses within the workspace only', async () => {
    const created = await api<{ id: string; title: string }>(p, 'POST', '/api/v1/canned-responses', t.tokens.agent, { title: 'Danke', body: 'Hallo {{contact.firstName}}' });
    expect(created.status).toBe(201);
    expect((await api(p, 'POST', '/api/v1/canned-responses', t.tokens.agent, { title: 'Danke', body: 'x' })).status).toBe(409);
    expect((await api(p, 'POST', '/api/v1/canned-responses', t.tokens.viewer, { title: 'Nope', body: 'x' })).status).toBe(403);
    const other = await createTenant(p);
    expect((await api(p, 'PATCH', `/api/v1/canned-responses/${created.body.id}`, other.token, { body: 'pwned' })).status).toBe(404);
    expect((await api(p, 'DELETE', `/api/v1/canned-responses/${created.body.id}`, other.token)).status).toBe(404);
    const theirs = await api<{ items: unknown[] }>(p, 'GET', '/api/v1/canned-responses', other.token);
    expect(theirs.body.items).toHaveLength(0);
    const ours = await api<{ items: { body: string }[] }>(p, 'GET', '/api/v1/canned-responses', t.tokens.viewer);
    expect(ours.body.items.map((c) => c.body)).toEqual(['Hallo {{contact.firstName}}']);
  });

  it('serves health, readiness, metrics and the OpenAPI document', async () => {
    expect((await api(p, 'GET', '/healthz', null)).status).toBe(200);
    const ready = await api<{ database: boolean }>(p, 'GET', '/readyz', null);
    expect(ready.body.database).toBe(true);
    const metrics = await fetch(`${p.url}/metrics`).then((r) => r.text());
    expect(metrics).toContain('parley_outbox_pending');
    const doc = await api<{ openapi: string; paths: Record<string, unknown> }>(p, 'GET', '/api/openapi.json', null);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/v1/channels/{id}/inbound', '/api/v1/conversations']));
  });
});
