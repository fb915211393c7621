import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../support/backends.js';
import { api, createTenant, openStream, startTestParley, type Tenant, type TestParley } from '../support/parley.js';
import { startWebhookReceiver } from '../support/webhook-receiver.js';

for (const backend of backends()) {
  describe(`${backend.name}: the API channel end to end`, () => {
    let p: TestParley;
    let t: Tenant;
    let channelId: string;
    let secret = '';
    let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

    beforeAll(async () => {
      p = await startTestParley(backend);
      t = await createTenant(p);
      receiver = await startWebhookReceiver(() => secret);
      const res = await api<{ id: string; generatedSecrets: { webhookSecret: string }; secretsSet: string[] }>(p, 'POST', '/api/v1/channels', t.token, {
        type: 'api',
        name: 'Shop',
        settings: { webhookUrl: receiver.url },
      });
      expect(res.status).toBe(201);
      channelId = res.body.id;
      secret = res.body.generatedSecrets.webhookSecret;
      expect(res.body.secretsSet).toEqual(['webhookSecret']);
    });
    afterAll(async () => {
      await receiver.close();
      await p.drop();
    });

    it('accepts an inbound message durably, pushes it live, and answers duplicates with the same ids', async () => {
      const stream = await openStream(p, t.tokens.viewer);
      const body = { externalId: 'order-1-msg-1', from: { id: 'cust-42', name: 'Anna Schmidt', email: 'Anna@Example.de' }, text: 'Wo bleibt meine Lieferung? Bestellung 4711.', threadKey: 'order-4711' };
      const first = await api<{ messageId: string; conversationId: string }>(p, 'POST', `/api/v1/channels/${channelId}/inbound`, t.tokens.agent, body);
      expect(first.status).toBe(202);
      const event = await stream.waitFor((e) => e.type === 'message.created' && e.data.id === first.body.messageId);
      expect(event.data.text).toBe(body.text);
      const again = await api<{ messageId: string; conversationId: string }>(p, 'POST', `/api/v1/channels/${channelId}/inbound`, t.tokens.agent, body);
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ messageId: first.body.messageId, conversationId: first.body.conversationId });
      const conv = await api<{ messages: { text: string }[]; contact: { email: string; name: string }; subject: string | null }>(p, 'GET', `/api/v1/conversations/${first.body.conversationId}`, t.token);
      expect(conv.status).toBe(200);
      expect(conv.body.messages).toHaveLength(1);
      expect(conv.body.contact).toMatchObject({ name: 'Anna Schmidt', email: 'anna@example.de' });
      stream.close();
    });

    it('threads by key and finds the same person by e-mail on another sender id', async () => {
      const a = await api<{ conversationId: string }>(p, 'POST', `/api/v1/channels/${channelId}/inbound`, t.token, { externalId: 'm-a', from: { id: 'u-1', email: 'max@example.com' }, text: 'Hallo', threadKey: 'T-1' });
      const b = await api<{ conversationId: string }>(p, 'POST', `/api/v1/channels/${channelId}/inbound`, t.token, { externalId: 'm-b', from: { id: 'u-1' }, text: 'Noch da?', threadKey: 'T-1' });
      expect(b.body.conversationId).toBe(a.body.conversationId);
      const c = await api<{ conversationId: string }>(p, 'POST', `/api/v1/channels/${channelId}/inbound`, t.token, { externalId: 'm-c', from: { id: 'other-id', email: 'MAX@example.com' }, text: 'Neue Frage', threadKey: 'T-2' });
      expect(c.body.conversationId).not.toBe(a.body.conversationId);
      const convA = await api<{ contactId: string }>(p, 'GET', `/api/v1/conversations/${a.body.conversationId}`, t.token);
      const convC = await api<{ contactId: string }>(p, 'GET', `/api/v1/conversations/${c.body.conversationId}`, t.token);
      expect(convC.body.contactId).toBe(convA.body.contactId);
    });

    it('sends a reply to the signed webhook, retries a failing receiver, and records the delivery', async () => {
      const inbound = await api<{ conversationId: string }>(p, 'POST', `/api/v1/channels/${channelId}/inbound`, t.token, { externalId: 'r-1', from: { id: 'cust-7', name: 'Jo' }, text: 'Can I change my address?' });
      const stream = await openStream(p, t.token);
      receiver.failNext(503);
      const reply = await api<{ id: string; deliveryStatus: string }>(p, 'POST', `/api/v1/conversations/${inbound.body.conversationId}/messages`, t.tokens.agent, { text: 'Yes, reply with the new address.', type: 'reply' });
      expect(reply.status).toBe(201);
      expect(reply.body.deliveryStatus).toBe('queued');
      await stream.waitFor((e) => e.type === 'message.updated' && e.data.id === reply.body.id && e.data.deliveryStatus === 'sent', 10_000);
      const delivered = receiver.received.find((r) => (r.body.data as { message: { id: string } }).message.id === reply.body.id);
      expect(delivered?.verified).toBe(true);
      expect((delivered?.body.data as { recipient: { id: string } }).recipient.id).toBe('cust-7');
      const conv = await api<{ messages: { id: string; deliveryStatus: string | null; externalId: string | null }[]; firstResponseAt: string | null }>(p, 'GET', `/api/v1/conversations/${inbound.body.conversationId}`, t.token);
      expect(conv.body.messages.find((m) => m.id === reply.body.id)?.deliveryStatus).toBe('sent');
      expect(conv.body.firstResponseAt).not.toBeNull();
      stream.close();
    });

    it('counts a view with the same filters as the list', async () => {
      const all = await api<{ count: number; more: boolean }>(p, 'GET', '/api/v1/conversations/count', t.token);
      const list = await api<{ items: unknown[] }>(p, 'GET', '/api/v1/conversations?limit=200', t.token);
      expect(all.body).toEqual({ count: list.body.items.length, more: false });
      const resolved = await api<{ count: number }>(p, 'GET', '/api/v1/conversations/count?status=resolved', t.token);
      expect(resolved.body.count).toBe(0);
      const bad = await api(p, 'GET', '/api/v1/conversations/count?q=x', t.token);
      expect(bad.status).toBe(400);
    });

    it('adds internal notes without sending them', async () => {
      const inbound = await api<{ conversationId: string }>(p, 'POST', `/api/v1/channels/${channelId}/inbound`, t.token, { externalId: 'n-1', from: { id: 'cust-8' }, text: 'Hi' });
      const before = receiver.received.length;
      const note = await api<{ direction: string; deliveryStatus: string | null }>(p, 'POST', `/api/v1/conversations/${inbound.body.conversationId}/messages`, t.token, { text: 'Kunde ist VIP', type: 'note' });
      expect(note.body).toMatchObject({ direction: 'note', deliveryStatus: null });
      await new Promise((r) => setTimeout(r, 300));
      expect(receiver.received.length).toBe(before);
    });
  });
}
