import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_LIMIT } from '../../src/api/app.js';
import { backends } from '../support/backends.js';
import { api, createTenant, startTestParley, type Tenant, type TestParley } from '../support/parley.js';

type Problem = { error: { code: string; message: string; details?: { field?: string } } };

const backend = backends()[0];

describe('hostile and broken input', () => {
  let p: TestParley;
  let t: Tenant;
  let other: Tenant;
  let channelId: string;
  let otherChannelId: string;

  async function rowCount(): Promise<number> {
    const r = await sql<{ n: string }>`SELECT (SELECT count(*) FROM messages) + (SELECT count(*) FROM contacts) + (SELECT count(*) FROM conversations) + (SELECT count(*) FROM outbox) AS n`.execute(p.db);
    return Number(r.rows[0]?.n);
  }

  beforeAll(async () => {
    if (!backend) throw new Error('no backend');
    p = await startTestParley(backend);
    t = await createTenant(p);
    other = await createTenant(p);
    channelId = (await api<{ id: string }>(p, 'POST', '/api/v1/channels', t.token, { type: 'api', name: 'A' })).body.id;
    otherChannelId = (await api<{ id: string }>(p, 'POST', '/api/v1/channels', other.token, { type: 'api', name: 'B' })).body.id;
  });
  afterAll(async () => p.drop());

  it('answers malformed JSON with 400 and stores nothing', async () => {
    const before = await rowCount();
    const res = await api<Problem>(p, 'POST', `/api/v1/channels/${channelId}/inbound`, t.token, '{"externalId": "x", "from": ');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid');
    expect(await rowCount()).toBe(before);
  });

  it('names the failing field of a schema violation', async () => {
    const res = await api<Problem>(p, 'POST', `/api/v1/channels/${channelId}/inbound`, t.token, { externalId: 'y', from: { id: 'a', email: 'not-an-email' }, text: 'Hi' });
    expect(res.status).toBe(400);
    expect(res.body.error.details?.field).toBe('body.from.email');
    const empty = await api<Problem>(p, 'POST', `/api/v1/channels/${channelId}/inbound`, t.token, { externalId: 'y', from: { id: 'a' }, text: '   ' });
    expect(empty.status).toBe(400);
  });

  it('rejects fields an endpoint does not declare (no mass assignment)', async () => {
    const res = await api<Problem>(p, 'POST', `/api/v1/channels/${channelId}/inbound`, t.token, { externalId: 'z', from: { id: 'a' }, text: 'Hi', workspaceId: other.workspaceId });
    expect(res.status).toBe(400);
    const user = await api<Problem>(p, 'POST', '/api/v1/users', t.token, { email: 'x@example.org', name: 'X', role: 'agent', workspaceId: other.workspaceId });
    expect(user.status).toBe(400);
  });

  it('answers 404 for an unknown channel and for another workspace’s channel, with no data', async () => {
    const unknown = await api<Problem>(p, 'POST', `/api/v1/channels/00000000-0000-4000-8000-000000000000/inbound`, t.token, { externalId: 'q', from: { id: 'a' }, text: 'Hi' });
    expect(unknown.status).toBe(404);
    const foreign = await api<Problem>(p, 'POST', `/api/v1/channels/${otherChannelId}/inbound`, t.token, { externalId: 'q', from: { id: 'a' }, text: 'Hi' });
    expect(foreign.status).toBe(404);
    const read = await api<Problem>(p, 'GET', `/api/v1/channels/${otherChannelId}`, t.token);
    expect(read.status).toBe(404);
    expect(JSON.stringify(read.body)).not.toContain(otherChannelId);
  });

  it('keeps conversations, contacts and messages of another workspace invisible', async () => {
    const res = await api<{ conversationId: string }>(p, 'POST', `/api/v1/channels/${otherChannelId}/inbound`, other.token, { externalId: 'secret', from: { id: 'vip', name: 'Geheim' }, text: 'Vertraulich' });
    const conv = await api<{ contactId: string }>(p, 'GET', `/api/v1/conversations/${res.body.conversationId}`, other.token);
    for (const [method, url, body] of [
      ['GET', `/api/v1/conversations/${res.body.conversationId}`, undefined],
      ['PATCH', `/api/v1/conversations/${res.body.conversationId}`, { status: 'resolved' }],
      ['POST', `/api/v1/conversations/${res.body.conversationId}/messages`, { text: 'Hi', type: 'reply' }],
      ['GET', `/api/v1/conversations/${res.body.conversationId}/events`, undefined],
      ['GET', `/api/v1/contacts/${conv.body.contactId}`, undefined],
      ['PATCH', `/api/v1/contacts/${conv.body.contactId}`, { name: 'Pwned' }],
    ] as const) {
      const r = await api<Problem>(p, method, url, t.token, body);
      expect(r.status, `${method} ${url}`).toBe(404);
    }
    const list = await api<{ items: unknown[] }>(p, 'GET', '/api/v1/conversations?q=Vertraulich', t.token);
    expect(list.body.items).toHaveLength(0);
  });

  it('answers 413 for a body over the limit', async () => {
    const res = await api<Problem>(p, 'POST', `/api/v1/channels/${channelId}/inbound`, t.token, { externalId: 'big', from: { id: 'a' }, text: 'x'.repeat(BODY_LIMIT + 10) });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('too_large');
  });

  it('requires authentication and the right role', async () => {
    expect((await api(p, 'GET', '/api/v1/conversations', null)).status).toBe(401);
    expect((await api(p, 'GET', '/api/v1/conversations', 'pk_wrong_token_that_is_long_enough')).status).toBe(401);
    expect((await api(p, 'GET', '/api/v1/conversations', '   ')).status).toBe(401);
    const viewerPost = await api<Problem>(p, 'POST', `/api/v1/channels/${channelId}/inbound`, t.tokens.viewer, { externalId: 'v', from: { id: 'a' }, text: 'Hi' });
    expect(viewerPost.status).toBe(403);
    const agentChannel = await api<Problem>(p, 'POST', '/api/v1/channels', t.tokens.agent, { type: 'api', name: 'nope' });
    expect(agentChannel.status).toBe(403);
    expect((await api(p, 'GET', '/api/v1/conversations', t.tokens.viewer)).status).toBe(200);
  });

  it('never returns channel secrets', async () => {
    await api(p, 'PATCH', `/api/v1/channels/${channelId}`, t.token, { secrets: { webhookSecret: 'whsec_c2VjcmV0c2VjcmV0c2VjcmV0' } });
    const list = await api(p, 'GET', '/api/v1/channels', t.token);
    expect(JSON.stringify(list.body)).not.toContain('whsec_');
    const stored = await p.db.selectFrom('channels').select('secrets').where('id', '=', channelId).executeTakeFirstOrThrow();
    expect(stored.secrets).not.toContain('c2VjcmV0c2VjcmV0c2VjcmV0');
  });

  it('rejects a bad cursor and an unknown route with problem JSON', async () => {
    const cursor = await api<Problem>(p, 'GET', '/api/v1/conversations?cursor=garbage', t.token);
    expect(cursor.status).toBe(400);
    expect((await api<Problem>(p, 'GET', '/api/v1/contacts?cursor=garbage', t.token)).body.error.details?.field).toBe('cursor');
    const forged = Buffer.from(JSON.stringify({ kind: 'recent', at: 'yesterday', id: 'x' })).toString('base64url');
    expect((await api<Problem>(p, 'GET', `/api/v1/conversations?cursor=${forged}`, t.token)).status).toBe(400);
    const route = await api<Problem>(p, 'GET', '/api/v1/nothing-here', t.token);
    expect(route.status).toBe(404);
    expect(route.body.error.code).toBe('not_found');
  });

  it('requires a handover note when the tier changes and records who changed what', async () => {
    const res = await api<{ conversationId: string }>(p, 'POST', `/api/v1/channels/${channelId}/inbound`, t.token, { externalId: 'tier', from: { id: 'hard' }, text: 'Schwieriger Fall' });
    const without = await api<Problem>(p, 'PATCH', `/api/v1/conversations/${res.body.conversationId}`, t.tokens.agent, { tier: 2 });
    expect(without.status).toBe(400);
    expect(without.body.error.details?.field).toBe('handoverNote');
    const withNote = await api<{ tier: number }>(p, 'PATCH', `/api/v1/conversations/${res.body.conversationId}`, t.tokens.agent, { tier: 2, handoverNote: 'Defekt bestätigt, Austausch prüfen.', priority: 'high' });
    expect(withNote.body.tier).toBe(2);
    const history = await api<{ items: { type: string; actorType: string }[] }>(p, 'GET', `/api/v1/conversations/${res.body.conversationId}/events`, t.token);
    expect(history.body.items.map((i) => i.type)).toEqual(expect.arrayContaining(['tier.changed', 'priority.changed', 'handover']));
    expect(history.body.items.find((i) => i.type === 'tier.changed')?.actorType).toBe('token');
  });
});
