import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../support/backends.js';
import { api, createTenant, startTestParley, type Tenant, type TestParley } from '../support/parley.js';

const backend = backends()[0];
type Problem = { error: { code: string; message: string; details: { reason: string; purpose: string; contactId: string; channelId: string } } };
type Conversation = { contactId: string; messages: { direction: string }[] };

describe('proactive outreach needs consent', () => {
  let p: TestParley;
  let t: Tenant;
  let channelId: string;
  let otherChannelId: string;
  let n = 0;
  beforeAll(async () => {
    if (!backend) throw new Error('no backend');
    p = await startTestParley(backend);
    t = await createTenant(p);
    channelId = (await api<{ id: string }>(p, 'POST', '/api/v1/channels', t.token, { type: 'api', name: 'Social desk' })).body.id;
    otherChannelId = (await api<{ id: string }>(p, 'POST', '/api/v1/channels', t.token, { type: 'api', name: 'Shop' })).body.id;
    expect((await api(p, 'POST', '/api/v1/listening/queries', t.token, { name: 'Marke', query: 'Nordlicht' })).status).toBe(201);
  });
  afterAll(async () => p.drop());

  /** A post listening found, opened as a conversation: the author never wrote to us. */
  async function outreachConversation(): Promise<{ conversationId: string; contactId: string }> {
    const post = await api<{ mentionId: string }>(p, 'POST', '/api/v1/listening/posts', t.token, { source: 'mastodon', externalId: `toot-${++n}`, text: 'Die Nordlicht Lieferung dauert ewig', author: `kundin${n}@social.example` });
    const opened = await api<{ conversationId: string }>(p, 'POST', `/api/v1/listening/mentions/${post.body.mentionId}/conversation`, t.tokens.agent, { channelId });
    const conv = await api<Conversation>(p, 'GET', `/api/v1/conversations/${opened.body.conversationId}`, t.token);
    return { conversationId: opened.body.conversationId, contactId: conv.body.contactId };
  }

  const reply = (conversationId: string, visibility: 'public' | 'private') => api<Problem>(p, 'POST', `/api/v1/conversations/${conversationId}/messages`, t.tokens.agent, { type: 'reply', text: 'Wir helfen Ihnen gern weiter.', visibility });

  it('answers a public post in public, but refuses an unsolicited private message with the reason and stores nothing', async () => {
    const { conversationId, contactId } = await outreachConversation();
    const answered = await reply(conversationId, 'public');
    expect(answered.status, JSON.stringify(answered.body)).toBe(201);
    const refused = await reply(conversationId, 'private');
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('conflict');
    expect(refused.body.error.details).toEqual({ reason: 'consent_required', purpose: 'outreach', contactId, channelId });
    expect(refused.body.error.message).toMatch(/consent/);
    const conv = await api<Conversation>(p, 'GET', `/api/v1/conversations/${conversationId}`, t.token);
    expect(conv.body.messages.filter((m) => m.direction === 'outbound')).toHaveLength(1);
    // Internal notes reach nobody and stay possible.
    expect((await api(p, 'POST', `/api/v1/conversations/${conversationId}/messages`, t.tokens.agent, { type: 'note', text: 'Erst Einwilligung einholen' })).status).toBe(201);
  });

  it('sends the private message once consent for this channel or all channels is in force, and stops when it is withdrawn', async () => {
    const { conversationId, contactId } = await outreachConversation();
    const consent = (body: Record<string, unknown>) => api<Problem>(p, 'POST', `/api/v1/contacts/${contactId}/consents`, t.tokens.agent, { purpose: 'outreach', source: 'Antwort auf Mastodon', ...body });
    expect((await consent({ status: 'given', channelId: otherChannelId })).status).toBe(201);
    expect((await reply(conversationId, 'private')).status).toBe(409);
    expect((await consent({ status: 'given', channelId })).status).toBe(201);
    expect((await reply(conversationId, 'private')).status).toBe(201);
    expect((await consent({ status: 'withdrawn', channelId: null })).status).toBe(201);
    // The record for this very channel still holds; withdrawing it there stops outreach.
    expect((await reply(conversationId, 'private')).status).toBe(201);
    expect((await consent({ status: 'withdrawn', channelId })).status).toBe(201);
    expect((await reply(conversationId, 'private')).status).toBe(409);
    expect((await consent({ status: 'given', channelId: null, purpose: 'marketing' })).status).toBe(201);
    expect((await reply(conversationId, 'private')).status).toBe(409);
  });

  it('lets agents answer people who wrote to us, publicly or privately, as before', async () => {
    for (const visibility of ['public', 'private'] as const) {
      const inbound = await api<{ conversationId: string }>(p, 'POST', `/api/v1/channels/${channelId}/inbound`, t.token, { externalId: `in-${visibility}`, from: { id: `sender-${visibility}` }, text: 'Wo bleibt meine Bestellung?', visibility });
      expect(inbound.status).toBe(202);
      // A public complaint may be taken to a private message: the person wrote to us on this channel.
      expect((await reply(inbound.body.conversationId, 'private')).status).toBe(201);
      expect((await reply(inbound.body.conversationId, visibility)).status).toBe(201);
    }
  });
});
