import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../support/backends.js';
import { api, createTenant, startTestParley, type Tenant, type TestParley } from '../support/parley.js';

const backend = backends()[0];
type Message = { id: string; text: string; html: string | null; pii: unknown[]; visibility: string };

describe('personal data in messages', () => {
  let p: TestParley;
  let t: Tenant;
  let channelId: string;
  beforeAll(async () => {
    if (!backend) throw new Error('no backend');
    p = await startTestParley(backend);
    t = await createTenant(p);
    channelId = (await api<{ id: string }>(p, 'POST', '/api/v1/channels', t.token, { type: 'api', name: 'Social' })).body.id;
  });
  afterAll(async () => p.drop());

  it('asks before a public reply posts personal data, and lets it go privately or confirmed', async () => {
    const c = await api<{ conversationId: string }>(p, 'POST', `/api/v1/channels/${channelId}/inbound`, t.token, { externalId: 'pub-1', from: { id: 'fan' }, text: 'Wie erreiche ich euch?', visibility: 'public' });
    const url = `/api/v1/conversations/${c.body.conversationId}/messages`;
    const text = 'Schreiben Sie an kundin.meier@example.de oder rufen Sie 0170 1234567 an.';
    const refused = await api<{ error: { code: string; details: { reason: string; kinds: string[] } } }>(p, 'POST', url, t.tokens.agent, { text, type: 'reply' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.details).toEqual({ reason: 'personal_data', kinds: expect.arrayContaining(['email', 'phone']) });
    const privately = await api<Message>(p, 'POST', url, t.tokens.agent, { text, type: 'reply', visibility: 'private' });
    expect(privately).toMatchObject({ status: 201, body: { visibility: 'private' } });
    const confirmed = await api<Message>(p, 'POST', url, t.tokens.agent, { text, type: 'reply', confirmPersonalData: true });
    expect(confirmed).toMatchObject({ status: 201, body: { visibility: 'public' } });
    // Notes and harmless public replies are not asked about.
    expect((await api(p, 'POST', url, t.tokens.agent, { text: 'Kundin hat IBAN DE02120300000000202051 genannt', type: 'note' })).status).toBe(201);
    expect((await api(p, 'POST', url, t.tokens.agent, { text: 'Danke, wir melden uns!', type: 'reply' })).status).toBe(201);
  });

  it('lets an agent remove personal data from a message, from search too, and records it without the data', async () => {
    const c = await api<{ conversationId: string; messageId: string }>(p, 'POST', `/api/v1/channels/${channelId}/inbound`, t.token, { externalId: 'pii-1', from: { id: 'kunde' }, text: 'Meine IBAN ist DE89370400440532013000, bitte erstatten.' });
    expect((await api<{ items: unknown[] }>(p, 'GET', '/api/v1/conversations?q=DE89370400440532013000', t.token)).body.items).toHaveLength(1);
    expect((await api(p, 'POST', `/api/v1/messages/${c.body.messageId}/redact`, t.tokens.viewer)).status).toBe(403);
    const redacted = await api<Message>(p, 'POST', `/api/v1/messages/${c.body.messageId}/redact`, t.tokens.agent);
    expect(redacted.status).toBe(200);
    expect(redacted.body).toMatchObject({ text: 'Meine IBAN ist [iban], bitte erstatten.', html: null, pii: [] });
    expect((await api<{ items: unknown[] }>(p, 'GET', '/api/v1/conversations?q=DE89370400440532013000', t.token)).body.items).toHaveLength(0);
    expect((await api(p, 'POST', `/api/v1/messages/${c.body.messageId}/redact`, t.tokens.agent)).status).toBe(409);
    const history = await api<{ items: { type: string; data: Record<string, unknown> }[] }>(p, 'GET', `/api/v1/conversations/${c.body.conversationId}/events`, t.token);
    expect(history.body.items.find((e) => e.type === 'message.redacted')?.data).toEqual({ messageId: c.body.messageId, kinds: ['iban'] });
    const audit = await api<{ items: { action: string; metadata: Record<string, unknown> }[] }>(p, 'GET', '/api/v1/audit-log?action=message.redacted', t.token);
    expect(audit.body.items[0]?.metadata).toEqual({ kinds: ['iban'], count: 1 });
    expect(JSON.stringify(audit.body)).not.toContain('DE89');
    const other = await createTenant(p);
    expect((await api(p, 'POST', `/api/v1/messages/${c.body.messageId}/redact`, other.token)).status).toBe(404);
  });
});
