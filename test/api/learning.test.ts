import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../support/backends.js';
import { api, createTenant, startTestParley, type Tenant, type TestParley } from '../support/parley.js';

const backend = backends()[0];
const WORDS = ['heute', 'gestern', 'bitte', 'schnell', 'wieder', 'noch', 'jetzt', 'morgen', 'sofort', 'endlich'];

describe('the workspace teaches the language understanding', () => {
  let p: TestParley;
  let t: Tenant;
  let channelId: string;
  let n = 0;
  async function inbound(text: string): Promise<{ messageId: string; conversationId: string }> {
    const res = await api<{ messageId: string; conversationId: string }>(p, 'POST', `/api/v1/channels/${channelId}/inbound`, t.token, { externalId: `l${++n}`, from: { id: `s${n}` }, text });
    return res.body;
  }
  async function categoryOf(messageId: string, conversationId: string): Promise<string | null> {
    const conv = await api<{ messages: { id: string; category: string | null }[] }>(p, 'GET', `/api/v1/conversations/${conversationId}`, t.token);
    return conv.body.messages.find((m) => m.id === messageId)?.category ?? null;
  }

  beforeAll(async () => {
    if (!backend) throw new Error('no backend');
    p = await startTestParley(backend);
    t = await createTenant(p);
    channelId = (await api<{ id: string }>(p, 'POST', '/api/v1/channels', t.token, { type: 'api', name: 'Learn' })).body.id;
  });
  afterAll(async () => p.drop());

  it('learns a company’s own words from corrections and applies them to new messages', async () => {
    const probe = 'Können Sie meinen Zorbix-Tarif ansehen?';
    const before = await inbound(probe);
    expect(await categoryOf(before.messageId, before.conversationId)).not.toBe('billing');

    for (const [i, w] of WORDS.entries()) {
      for (const text of [`Mein Zorbix-Tarif ${w} prüfen, Vertrag ${1000 + i}`, `Zorbix Tarif ${w} umstellen`]) {
        const m = await inbound(text);
        const res = await api(p, 'POST', `/api/v1/messages/${m.messageId}/corrections`, t.tokens.agent, { field: 'category', label: 'billing' });
        expect(res.status).toBe(204);
        expect(await categoryOf(m.messageId, m.conversationId)).toBe('billing');
      }
    }
    const trained = await api<{ corrections: number; fields: string[] }>(p, 'POST', '/api/v1/workspace/train', t.token);
    expect(trained.body).toEqual({ corrections: 20, fields: ['category'] });

    const after = await inbound(probe);
    expect(await categoryOf(after.messageId, after.conversationId)).toBe('billing');
  });

  it('rejects wrong labels, replies, other workspaces’ messages and viewers', async () => {
    const m = await inbound('Hallo');
    expect((await api(p, 'POST', `/api/v1/messages/${m.messageId}/corrections`, t.token, { field: 'category', label: 'weather' })).status).toBe(400);
    expect((await api(p, 'POST', `/api/v1/messages/${m.messageId}/corrections`, t.tokens.viewer, { field: 'category', label: 'other' })).status).toBe(403);
    const reply = await api<{ id: string }>(p, 'POST', `/api/v1/conversations/${m.conversationId}/messages`, t.token, { text: 'Hi', type: 'note' });
    expect((await api(p, 'POST', `/api/v1/messages/${reply.body.id}/corrections`, t.token, { field: 'sentiment', label: 'positive' })).status).toBe(400);
    const other = await createTenant(p);
    expect((await api(p, 'POST', `/api/v1/messages/${m.messageId}/corrections`, other.token, { field: 'sentiment', label: 'positive' })).status).toBe(404);
  });

  it('keeps a brand profile that admins edit', async () => {
    const profile = { names: ['Nordlicht'], products: ['Zorbix'], terms: ['Tarif'] };
    expect((await api(p, 'PUT', '/api/v1/workspace/brand-profile', t.tokens.agent, profile)).status).toBe(403);
    expect((await api(p, 'PUT', '/api/v1/workspace/brand-profile', t.token, profile)).body).toEqual(profile);
    expect((await api(p, 'GET', '/api/v1/workspace/brand-profile', t.tokens.viewer)).body).toEqual(profile);
    expect((await api(p, 'PUT', '/api/v1/workspace/brand-profile', t.token, { ...profile, workspaceId: 'x' })).status).toBe(400);
  });
});
