import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyRetention } from '../../src/privacy/retention.js';
import { backends } from '../support/backends.js';
import { api, createTenant, startTestParley, type Tenant, type TestParley } from '../support/parley.js';

const backend = backends()[0];
const DAY = 86_400_000;

interface Conversation { id: string; contactId: string; subject: string | null; preview: string; messages: { text: string; contactId: string | null }[] }
interface Settings { conversationDays: number | null; conversationAction: string; mentionDays: number | null; due: { conversations: number; messages: number; mentions: number } }

describe('retention', () => {
  let p: TestParley;
  let t: Tenant;
  let o: Tenant;
  let channelId: string;
  let old: string;
  let oldContact: string;
  let fresh: string;
  let foreignOld: string;

  const inbound = async (tenant: Tenant, channel: string, externalId: string, from: string, text: string, extra: Record<string, string> = {}) =>
    (await api<{ conversationId: string }>(p, 'POST', `/api/v1/channels/${channel}/inbound`, tenant.token, { externalId, from: { id: from, name: from }, text, ...extra })).body.conversationId;
  const age = (id: string, days: number) => sql`UPDATE conversations SET last_message_at = now() - make_interval(days => ${days}) WHERE id = ${id}`.execute(p.db);

  beforeAll(async () => {
    if (!backend) throw new Error('no backend');
    p = await startTestParley(backend);
    t = await createTenant(p);
    o = await createTenant(p);
    channelId = (await api<{ id: string }>(p, 'POST', '/api/v1/channels', t.token, { type: 'api', name: 'Web' })).body.id;
    await api(p, 'POST', '/api/v1/listening/queries', t.token, { name: 'Marke', query: 'Nordlicht' });
    old = await inbound(t, channelId, 'r-1', 'ole', 'Nordlicht Mammutzahn kaputt', { subject: 'Mammutzahn', visibility: 'public' });
    await api(p, 'POST', `/api/v1/conversations/${old}/messages`, t.token, { text: 'Tut uns leid, Ole.' });
    oldContact = (await api<Conversation>(p, 'GET', `/api/v1/conversations/${old}`, t.token)).body.contactId;
    await p.db
      .insertInto('csatSurveys')
      .values({ workspaceId: t.workspaceId, conversationId: old, contactId: oldContact, channelId, resolvedAt: new Date(Date.now() - 401 * DAY), via: 'channel', scale: 'numeric', language: 'de', status: 'sent', sentAt: new Date(Date.now() - 401 * DAY), rating: 2, comment: 'Ole fand das Mammutzahn-Theater schlimm', answeredAt: new Date(Date.now() - 400 * DAY) })
      .execute();
    fresh = await inbound(t, channelId, 'r-2', 'frida', 'Eine neue Frage zum Nordlicht', { visibility: 'public' });
    await age(old, 400);
    await api(p, 'POST', '/api/v1/listening/posts', t.token, { source: 'forum', externalId: 'f-1', text: 'Nordlicht war früher besser', postedAt: new Date(Date.now() - 90 * DAY).toISOString() });
    const foreignChannel = (await api<{ id: string }>(p, 'POST', '/api/v1/channels', o.token, { type: 'api', name: 'Other' })).body.id;
    foreignOld = await inbound(o, foreignChannel, 'x-1', 'xaver', 'Uralt aber fremd');
    await age(foreignOld, 400);
  });
  afterAll(async () => p.drop());

  it('is off until an admin sets it, and validates the settings', async () => {
    expect((await api(p, 'GET', '/api/v1/workspace/retention', t.tokens.viewer)).body).toEqual({ conversationDays: null, conversationAction: 'delete', mentionDays: null });
    const body = { conversationDays: 365, conversationAction: 'anonymise', mentionDays: 30 };
    expect((await api(p, 'PUT', '/api/v1/workspace/retention', t.tokens.agent, body)).status).toBe(403);
    expect((await api(p, 'GET', '/api/v1/workspace/retention/preview', t.tokens.agent)).status).toBe(403);
    expect((await api(p, 'PUT', '/api/v1/workspace/retention', t.token, { ...body, conversationDays: 0 })).status).toBe(400);
    expect((await api(p, 'PUT', '/api/v1/workspace/retention', t.token, { ...body, conversationAction: 'shred' })).status).toBe(400);
    expect((await api(p, 'PUT', '/api/v1/workspace/retention', t.token, { ...body, workspaceId: o.workspaceId })).status).toBe(400);
    expect((await api<Settings>(p, 'GET', '/api/v1/workspace/retention/preview', t.token)).body.due).toEqual({ conversations: 0, messages: 0, mentions: 0 });
  });

  it('previews what would go, for saved or trial settings, within the workspace', async () => {
    const trial = await api<Settings>(p, 'GET', '/api/v1/workspace/retention/preview?conversationDays=365&mentionDays=30', t.token);
    expect(trial.body.due).toEqual({ conversations: 1, messages: 2, mentions: 2 });
    expect((await api<Settings>(p, 'GET', '/api/v1/workspace/retention/preview?conversationDays=500&mentionDays=none', t.token)).body.due).toEqual({ conversations: 0, messages: 0, mentions: 0 });
    const saved = await api<Settings>(p, 'PUT', '/api/v1/workspace/retention', t.token, { conversationDays: 365, conversationAction: 'anonymise', mentionDays: 60 });
    expect(saved.status).toBe(200);
    expect(saved.body.due).toEqual({ conversations: 1, messages: 2, mentions: 2 });
  });

  it('anonymises old conversations: statistics stay, words and the person go', async () => {
    await applyRetention(p.db);
    const c = await api<Conversation & { status: string; messageCount: number }>(p, 'GET', `/api/v1/conversations/${old}`, t.token);
    expect(c.status).toBe(200);
    expect(c.body.contactId).not.toBe(oldContact);
    expect(c.body.subject).toBeNull();
    expect(c.body.messageCount).toBe(2);
    expect(c.body.messages.map((m) => m.text)).toEqual(['[anonymised]', '[anonymised]']);
    expect((await api<{ items: unknown[] }>(p, 'GET', '/api/v1/conversations?q=Mammutzahn', t.token)).body.items).toEqual([]);
    const left = await sql<{ n: number }>`SELECT count(*)::int AS n FROM messages m WHERE m.conversation_id = ${old} AND (m.text LIKE '%Mammutzahn%' OR m.contact_id IS NOT NULL OR m.external_id IS NOT NULL)`.execute(p.db);
    expect(left.rows[0]?.n).toBe(0);
    // The rating still counts in the satisfaction report; the customer's words and the link to them are gone.
    const survey = await p.db.selectFrom('csatSurveys').select(['rating', 'comment', 'contactId']).where('conversationId', '=', old).executeTakeFirstOrThrow();
    expect(survey).toEqual({ rating: 2, comment: null, contactId: c.body.contactId });
    const outbox = await sql<{ n: number }>`SELECT count(*)::int AS n FROM outbox WHERE data::text LIKE '%Mammutzahn%'`.execute(p.db);
    expect(outbox.rows[0]?.n).toBe(0);
    const mentions = await api<{ items: { text: string }[] }>(p, 'GET', '/api/v1/listening/mentions', t.token);
    expect(mentions.body.items.map((m) => m.text)).toEqual(['Eine neue Frage zum Nordlicht']);
    expect((await api<Conversation>(p, 'GET', `/api/v1/conversations/${fresh}`, t.token)).body.messages[0]?.text).toBe('Eine neue Frage zum Nordlicht');
    expect((await api(p, 'GET', `/api/v1/conversations/${foreignOld}`, o.token)).status).toBe(200);
    // Done once: the anonymised conversation is not due again.
    expect((await api<Settings>(p, 'GET', '/api/v1/workspace/retention/preview', t.token)).body.due).toEqual({ conversations: 0, messages: 0, mentions: 0 });
    const log = await api<{ items: { actorType: string; metadata: Record<string, unknown> }[] }>(p, 'GET', '/api/v1/audit-log?action=retention.applied', t.token);
    expect(log.body.items).toEqual([expect.objectContaining({ actorType: 'system', metadata: { conversations: 1, messages: 2, mentions: 2, action: 'anonymise' } })]);
  });

  it('deletes old conversations when set to delete, and nothing younger', async () => {
    await api(p, 'PUT', '/api/v1/workspace/retention', t.token, { conversationDays: 365, conversationAction: 'delete', mentionDays: null });
    expect((await api<Settings>(p, 'GET', '/api/v1/workspace/retention/preview', t.token)).body.due.conversations).toBe(1);
    expect(await applyRetention(p.db)).toBe(1);
    expect((await api(p, 'GET', `/api/v1/conversations/${old}`, t.token)).status).toBe(404);
    expect((await api(p, 'GET', `/api/v1/conversations/${fresh}`, t.token)).status).toBe(200);
    expect((await api(p, 'GET', `/api/v1/conversations/${foreignOld}`, o.token)).status).toBe(200);
    expect(await applyRetention(p.db)).toBe(0);
  });
});
