import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditDto } from '../../src/db/audit-log.js';
import { backends } from '../support/backends.js';
import { api, createTenant, startTestParley, type Tenant, type TestParley } from '../support/parley.js';

const backend = backends()[0];

type Entry = AuditDto;
type Page = { items: Entry[]; nextCursor: string | null };

describe('audit log', () => {
  let p: TestParley;
  let t: Tenant;
  let other: Tenant;
  let channelId: string;
  let contactId: string;
  let conversationId: string;
  let userId: string;
  beforeAll(async () => {
    if (!backend) throw new Error('no backend');
    p = await startTestParley(backend);
    t = await createTenant(p);
    other = await createTenant(p);
    channelId = (await api<{ id: string }>(p, 'POST', '/api/v1/channels', t.token, { type: 'api', name: 'Audit', secrets: {} })).body.id;
    await api(p, 'PATCH', `/api/v1/channels/${channelId}`, t.token, { name: 'Audit 2' });
    const inbound = await api<{ conversationId: string }>(p, 'POST', `/api/v1/channels/${channelId}/inbound`, t.token, { externalId: 'a-1', from: { id: 'u1', name: 'Erika Mustermann', email: 'erika@example.org' }, text: 'Wo bleibt meine Bestellung?' });
    conversationId = inbound.body.conversationId;
    const conversation = await api<{ contactId: string }>(p, 'GET', `/api/v1/conversations/${conversationId}`, t.tokens.viewer);
    contactId = conversation.body.contactId;
    await api(p, 'GET', `/api/v1/contacts/${contactId}`, t.tokens.agent);
    await api(p, 'PATCH', `/api/v1/contacts/${contactId}`, t.tokens.agent, { notes: 'Ruft gern abends an', phone: '+49 170 1234567' });
    userId = (await api<{ id: string }>(p, 'POST', '/api/v1/users', t.token, { email: `agent@${t.slug}.example`, name: 'Agentin', role: 'agent' })).body.id;
    await api(p, 'PATCH', `/api/v1/users/${userId}`, t.token, { role: 'admin' });
    await api(p, 'POST', '/api/v1/tokens', t.token, { name: 'ci', role: 'viewer' });
  });
  afterAll(async () => p.drop());

  it('records views, changes and grants, without the data they touched', async () => {
    const res = await api<Page>(p, 'GET', '/api/v1/audit-log?limit=200', t.token);
    expect(res.status).toBe(200);
    const actions = res.body.items.map((e) => e.action);
    expect(actions).toEqual(['token.created', 'user.role_changed', 'user.created', 'contact.updated', 'contact.viewed', 'conversation.viewed', 'channel.updated', 'channel.created']);
    const byAction = new Map(res.body.items.map((e) => [e.action, e]));
    expect(byAction.get('contact.viewed')).toMatchObject({ targetType: 'contact', targetId: contactId, actorType: 'token' });
    expect(byAction.get('conversation.viewed')).toMatchObject({ targetId: conversationId, metadata: { contactId } });
    expect(byAction.get('user.role_changed')?.metadata).toEqual({ from: 'agent', to: 'admin' });
    expect(byAction.get('contact.updated')?.metadata).toEqual({ fields: ['notes', 'phone'] });
    const text = JSON.stringify(res.body);
    for (const secret of ['Erika', 'erika@example.org', 'abends', '1234567', 'Bestellung']) expect(text).not.toContain(secret);
  });

  it('filters by action, actor, target and time, and pages with a cursor', async () => {
    const views = await api<Page>(p, 'GET', '/api/v1/audit-log?action=contact.viewed,conversation.viewed', t.token);
    expect(views.body.items.map((e) => e.action).sort()).toEqual(['contact.viewed', 'conversation.viewed']);
    const agentToken = views.body.items.find((e) => e.action === 'contact.viewed')?.actorId;
    const byActor = await api<Page>(p, 'GET', `/api/v1/audit-log?actorId=${agentToken}`, t.token);
    expect(byActor.body.items.map((e) => e.action)).toEqual(['contact.updated', 'contact.viewed']);
    const byTarget = await api<Page>(p, 'GET', `/api/v1/audit-log?targetType=user&targetId=${userId}`, t.token);
    expect(byTarget.body.items.map((e) => e.action)).toEqual(['user.role_changed', 'user.created']);
    const future = new Date(Date.now() + 60_000).toISOString();
    expect((await api<Page>(p, 'GET', `/api/v1/audit-log?since=${encodeURIComponent(future)}`, t.token)).body.items).toEqual([]);
    expect((await api<Page>(p, 'GET', `/api/v1/audit-log?until=${encodeURIComponent(future)}`, t.token)).body.items.length).toBe(8);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: Page } = await api<Page>(p, 'GET', `/api/v1/audit-log?limit=3${cursor ? `&cursor=${cursor}` : ''}`, t.token);
      expect(page.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.body.items.map((e) => e.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.length).toBe(8);
    expect(new Set(seen).size).toBe(8);
    expect((await api(p, 'GET', '/api/v1/audit-log?cursor=bm9wZQ', t.token)).status).toBe(400);
    expect((await api(p, 'GET', '/api/v1/audit-log?action=contact.stolen', t.token)).status).toBe(400);
  });

  it('is for admins of the workspace only', async () => {
    expect((await api(p, 'GET', '/api/v1/audit-log', t.tokens.agent)).status).toBe(403);
    expect((await api(p, 'GET', '/api/v1/audit-log', t.tokens.viewer)).status).toBe(403);
    expect((await api(p, 'GET', '/api/v1/audit-log/export', t.tokens.agent)).status).toBe(403);
    expect((await api<Page>(p, 'GET', '/api/v1/audit-log', other.token)).body.items).toEqual([]);
    expect((await api<Page>(p, 'GET', `/api/v1/audit-log?targetId=${contactId}`, other.token)).body.items).toEqual([]);
  });

  it('exports as JSON lines and as CSV, as a download, and records the export', async () => {
    const jsonl = await fetch(`${p.url}/api/v1/audit-log/export?action=user.created,user.role_changed`, { headers: { authorization: `Bearer ${t.token}` } });
    expect(jsonl.status).toBe(200);
    expect(jsonl.headers.get('content-disposition')).toMatch(/^attachment; filename="audit-log-.*\.jsonl"$/);
    const lines = (await jsonl.text()).trim().split('\n').map((l) => JSON.parse(l) as Entry);
    expect(lines.map((e) => e.action)).toEqual(['user.role_changed', 'user.created']);

    const csv = await fetch(`${p.url}/api/v1/audit-log/export?format=csv&targetId=${contactId}`, { headers: { authorization: `Bearer ${t.token}` } });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const rows = (await csv.text()).trim().split('\r\n');
    expect(rows[0]).toBe('id,created_at,actor_type,actor_id,action,target_type,target_id,metadata');
    expect(rows.slice(1).map((r) => r.split(',')[4])).toEqual(['contact.updated', 'contact.viewed']);
    const exports = await api<Page>(p, 'GET', '/api/v1/audit-log?action=audit_log.exported', t.token);
    expect(exports.body.items.map((e) => e.metadata.format)).toEqual(['csv', 'jsonl']);
  });

  it('refuses UPDATE, DELETE and TRUNCATE in the database itself', async () => {
    await expect(sql`UPDATE audit_log SET action = 'contact.updated' WHERE workspace_id = ${t.workspaceId}`.execute(p.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log WHERE workspace_id = ${t.workspaceId}`.execute(p.db)).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE audit_log`.execute(p.db)).rejects.toThrow(/append-only/);
    const n = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log WHERE workspace_id = ${t.workspaceId}`.execute(p.db);
    expect(n.rows[0]?.n).toBeGreaterThanOrEqual(8);
  });
});
