import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRule } from '../../src/db/automation-rules.js';
import { listHistory } from '../../src/db/history.js';
import { acceptInbound } from '../../src/pipeline/accept-inbound.js';
import { automationHook } from '../../src/pipeline/automation-hook.js';
import { sendRuleWebhooks } from '../../src/pipeline/rule-webhooks.js';
import { createSecretBox } from '../../src/security/secret-box.js';
import { backends } from '../support/backends.js';
import { workspaceWithChannel } from '../support/fixtures.js';
import { api, createTenant, startTestParley, type Tenant, type TestParley } from '../support/parley.js';
import { trustedLocalCertificate } from '../support/tls.js';
import { startWebhookReceiver } from '../support/webhook-receiver.js';

const backend = backends()[0];
const tls = trustedLocalCertificate();

describe('the webhook action of automation rules', () => {
  let p: TestParley;
  let t: Tenant;
  let secret = '';
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

  beforeAll(async () => {
    if (!backend) throw new Error('no backend');
    p = await startTestParley(backend);
    t = await createTenant(p);
    receiver = await startWebhookReceiver(() => secret, tls);
  });
  afterAll(async () => {
    await receiver.close();
    await p.drop();
  });

  it('calls the https address with a Standard Webhooks signature the receiver verifies, after the message is stored', async () => {
    const channel = (await api<{ id: string }>(p, 'POST', '/api/v1/channels', t.token, { type: 'api', name: 'Shop' })).body.id;
    const rule = { name: 'Rechnungen ans ERP', on: ['message.received'], when: { field: 'text', op: 'contains', value: 'rechnung' }, actions: [{ type: 'webhook', url: receiver.url }] };
    const created = await api<{ id: string; webhookSecret?: string }>(p, 'POST', '/api/v1/rules', t.token, rule);
    expect(created.status).toBe(201);
    expect(created.body.webhookSecret).toMatch(/^whsec_/);
    secret = created.body.webhookSecret ?? '';
    // The secret is shown once: a second rule with a webhook reuses it without showing it again.
    expect((await api<{ webhookSecret?: string }>(p, 'POST', '/api/v1/rules', t.token, { ...rule, name: 'Zweiter Haken', enabled: false })).body.webhookSecret).toBeUndefined();

    const { conversationId } = (await api<{ conversationId: string }>(p, 'POST', `/api/v1/channels/${channel}/inbound`, t.token, { externalId: 'w-1', from: { id: 'k1' }, text: 'Meine Rechnung stimmt nicht.' })).body;
    for (const until = Date.now() + 8_000; receiver.received.length === 0 && Date.now() < until; ) await new Promise((r) => setTimeout(r, 50));
    expect(receiver.received).toHaveLength(1);
    const call = receiver.received[0]!;
    expect(call.verified).toBe(true);
    expect(call.body).toMatchObject({ type: 'rule.fired', data: { ruleId: created.body.id, rule: 'Rechnungen ans ERP', event: 'message.received', conversation: { id: conversationId } } });

    // A message without the keyword calls nothing.
    await api(p, 'POST', `/api/v1/channels/${channel}/inbound`, t.token, { externalId: 'w-2', from: { id: 'k2' }, text: 'Wo ist mein Paket?' });
    await new Promise((r) => setTimeout(r, 600));
    expect(receiver.received).toHaveLength(1);
  });

  it('refuses plain http addresses when the rule is saved', async () => {
    const res = await api<{ error: { code: string } }>(p, 'POST', '/api/v1/rules', t.token, { name: 'Unsicher', on: ['message.received'], when: { all: [] }, actions: [{ type: 'webhook', url: 'http://example.de/hook' }] });
    expect(res.status).toBe(400);
    expect((await api<{ items: unknown[] }>(p, 'GET', '/api/v1/rules', t.token)).body.items).toHaveLength(2);
  });
});

describe('rule webhooks and the address guard', () => {
  it('never calls a private address unless private networks are allowed, and records why in the history', async () => {
    if (!backend) throw new Error('no backend');
    const database = await backend.create();
    let secret = '';
    const receiver = await startWebhookReceiver(() => secret, tls);
    try {
      const { db } = database;
      const box = createSecretBox(randomBytes(32));
      const { workspaceId, channel } = await workspaceWithChannel(db);
      const saved = await createRule(db, box, workspaceId, { name: 'Alles melden', enabled: true, on: ['message.received'], when: { all: [] }, actions: [{ type: 'webhook', url: receiver.url }] });
      secret = saved.webhookSecret ?? '';
      const first = await acceptInbound(db, channel, { externalId: 'g-1', from: { id: 'k' }, text: 'Hallo' }, [automationHook()]);

      expect(await sendRuleWebhooks(db, box, { allowPrivateNetworks: false })).toBe(0);
      expect(receiver.received).toHaveLength(0);
      const history = await listHistory(db, workspaceId, first.conversationId);
      expect(history.find((h) => h.type === 'webhook.failed')?.data).toMatchObject({ url: receiver.url, error: expect.stringContaining('private or local address') });
      // Refused for good: it is not tried again.
      expect(await sendRuleWebhooks(db, box, { allowPrivateNetworks: true })).toBe(0);

      // An on-premises install that allows private networks reaches it, signed.
      await acceptInbound(db, channel, { externalId: 'g-2', from: { id: 'k' }, text: 'Noch einmal' }, [automationHook()]);
      expect(await sendRuleWebhooks(db, box, { allowPrivateNetworks: true })).toBe(1);
      expect(receiver.received.map((r) => r.verified)).toEqual([true]);
    } finally {
      await receiver.close();
      await database.drop();
    }
  });
});
