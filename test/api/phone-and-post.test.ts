import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageDto } from '../../src/db/messages.js';
import { backends } from '../support/backends.js';
import { api, createTenant, openStream, startTestParley, type Tenant, type TestParley } from '../support/parley.js';

const backend = backends()[0];

type Callback = { id: string; conversationId: string; contactId: string; phone: string; dueAt: string; status: string; attempts: number; note: string };
type Conversation = { contactId: string; channelId: string; subject: string | null; messages: MessageDto[] };

describe('phone, callbacks, letters and faxes', () => {
  let p: TestParley;
  let t: Tenant;
  let phone: string;
  let letters: string;
  let shop: string;

  const conversation = async (id: string) => (await api<Conversation>(p, 'GET', `/api/v1/conversations/${id}`, t.token)).body;

  beforeAll(async () => {
    if (!backend) throw new Error('no backend');
    p = await startTestParley(backend);
    t = await createTenant(p);
    const create = async (type: string, name: string) => (await api<{ id: string }>(p, 'POST', '/api/v1/channels', t.token, { type, name })).body.id;
    phone = await create('phone', 'Hotline');
    letters = await create('letter', 'Post & Fax');
    shop = await create('api', 'Shop');
  });
  afterAll(async () => p.drop());

  it('logs an incoming call once, on the caller found by phone, and an outgoing call as already delivered', async () => {
    const clientId = randomUUID();
    const call = { clientId, direction: 'inbound', channelId: phone, durationSeconds: 245, notes: 'Kundin fragt nach Rücksendung, Etikett per Mail zugesagt.', caller: { name: 'Petra Lang', phone: '0170 1234567' } };
    const first = await api<{ messageId: string; conversationId: string }>(p, 'POST', '/api/v1/calls', t.tokens.agent, call);
    expect(first.status).toBe(201);
    expect((await api<{ messageId: string }>(p, 'POST', '/api/v1/calls', t.tokens.agent, call)).body.messageId).toBe(first.body.messageId);
    const c = await conversation(first.body.conversationId);
    expect(c.channelId).toBe(phone);
    expect(c.messages).toHaveLength(1);
    expect(c.messages[0]?.meta).toEqual({ call: { direction: 'inbound', durationSeconds: 245 } });

    const back = await api<{ messageId: string }>(p, 'POST', '/api/v1/calls', t.tokens.agent, { clientId: randomUUID(), direction: 'outbound', conversationId: first.body.conversationId, durationSeconds: 60, notes: 'Etikett bestätigt.' });
    expect(back.status).toBe(201);
    const after = await conversation(first.body.conversationId);
    expect(after.messages.find((m) => m.id === back.body.messageId)).toMatchObject({ direction: 'outbound', deliveryStatus: 'sent', meta: { call: { direction: 'outbound', durationSeconds: 60 } } });

    // The same number on another channel is the same person.
    const wrote = await api<{ conversationId: string }>(p, 'POST', `/api/v1/channels/${shop}/inbound`, t.token, { externalId: 'shop-1', from: { id: 'u-77', phone: '+49 170 1234567' }, text: 'Und noch eine Frage.' });
    expect((await conversation(wrote.body.conversationId)).contactId).toBe(c.contactId);
  });

  it('logs a call for a contact chosen by id, even one without phone or e-mail', async () => {
    const wrote = await api<{ conversationId: string }>(p, 'POST', `/api/v1/channels/${shop}/inbound`, t.token, { externalId: 'shop-anon', from: { id: 'anon-9' }, text: 'Hallo' });
    const contactId = (await conversation(wrote.body.conversationId)).contactId;
    const call = await api<{ conversationId: string }>(p, 'POST', '/api/v1/calls', t.tokens.agent, { clientId: randomUUID(), direction: 'inbound', channelId: phone, contactId, durationSeconds: 30, notes: 'Ruft wegen der Nachricht an.' });
    expect((await conversation(call.body.conversationId)).contactId).toBe(contactId);
  });

  it('enters a scanned letter with its file, and a written reply is recorded as sent by hand', async () => {
    const upload = await fetch(`${p.url}/api/v1/attachments?filename=${encodeURIComponent('Brief 2026-11-20.pdf')}`, { method: 'POST', headers: { authorization: `Bearer ${t.tokens.agent}`, 'content-type': 'application/pdf' }, body: '%PDF-1.4 scan' });
    const file = (await upload.json()) as { id: string };
    const letter = await api<{ conversationId: string; messageId: string }>(p, 'POST', '/api/v1/letters', t.tokens.agent, {
      clientId: randomUUID(),
      channelId: letters,
      kind: 'letter',
      subject: 'Widerspruch Rechnung 4711',
      text: 'Sehr geehrte Damen und Herren, hiermit widerspreche ich der Rechnung 4711.',
      attachmentIds: [file.id],
      sender: { name: 'Horst Böhm', email: 'horst@example.de' },
    });
    expect(letter.status).toBe(201);
    const c = await conversation(letter.body.conversationId);
    expect(c.subject).toBe('Widerspruch Rechnung 4711');
    expect(c.messages[0]).toMatchObject({ meta: { letter: { kind: 'letter' } }, attachments: [{ id: file.id, filename: 'Brief 2026-11-20.pdf' }] });
    const download = await fetch(`${p.url}/api/v1/attachments/${file.id}`, { headers: { authorization: `Bearer ${t.token}` } });
    expect(await download.text()).toBe('%PDF-1.4 scan');

    const stream = await openStream(p, t.token);
    const reply = await api<{ id: string }>(p, 'POST', `/api/v1/conversations/${letter.body.conversationId}/messages`, t.tokens.agent, { text: 'Antwortschreiben vom 23.11.', type: 'reply' });
    const sent = await stream.waitFor((e) => e.type === 'message.updated' && e.data.id === reply.body.id && e.data.deliveryStatus === 'sent', 10_000);
    expect(String(sent.data.externalId)).toBe(`manual:${reply.body.id}`);
    stream.close();
  }, 20_000);

  it('turns a callback request into a task, links it by phone, and records attempts until reached or given up', async () => {
    const wa = await api<{ conversationId: string }>(p, 'POST', `/api/v1/channels/${shop}/inbound`, t.token, { externalId: 'shop-2', from: { id: 'wa-1', name: 'Mehmet Kaya', phone: '+4915112345678' }, text: 'Bitte rufen Sie mich an.' });
    const contactId = (await conversation(wa.body.conversationId)).contactId;
    const request = { clientId: randomUUID(), channelId: phone, phone: '0151 12345678', name: 'Mehmet Kaya', note: 'Wegen der Garantie, ab 14 Uhr' };
    const asked = await api<Callback>(p, 'POST', '/api/v1/callbacks', t.token, request);
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ contactId, phone: '+4915112345678', status: 'open', attempts: 0, note: 'Wegen der Garantie, ab 14 Uhr' });
    expect(Math.abs(Date.parse(asked.body.dueAt) - Date.now() - 3_600_000)).toBeLessThan(60_000);
    expect((await api<Callback>(p, 'POST', '/api/v1/callbacks', t.token, request)).body.id).toBe(asked.body.id);
    expect((await api<{ items: Callback[] }>(p, 'GET', '/api/v1/callbacks?status=open', t.tokens.viewer)).body.items.map((c) => c.id)).toContain(asked.body.id);

    const outcome = (body: unknown) => api<Callback>(p, 'POST', `/api/v1/callbacks/${asked.body.id}/outcome`, t.tokens.agent, body);
    const missed = await outcome({ outcome: 'not_reached', notes: 'Mailbox' });
    expect(missed.body).toMatchObject({ status: 'open', attempts: 1 });
    expect(Date.parse(missed.body.dueAt)).toBeGreaterThan(Date.now() + 50 * 60_000);
    await outcome({ outcome: 'not_reached' });
    expect((await outcome({ outcome: 'not_reached' })).body).toMatchObject({ status: 'not_reached', attempts: 3 });
    expect((await outcome({ outcome: 'reached' })).status).toBe(409);
    const calls = (await conversation(asked.body.conversationId)).messages.filter((m) => m.direction === 'outbound');
    expect(calls.map((m) => m.meta.call?.outcome)).toEqual(['not_reached', 'not_reached', 'not_reached']);

    const second = await api<Callback>(p, 'POST', '/api/v1/callbacks', t.token, { ...request, clientId: randomUUID(), preferredAt: '2026-12-01T14:00:00+01:00' });
    expect(second.body.dueAt).toBe('2026-12-01T13:00:00.000Z');
    expect((await api<Callback>(p, 'POST', `/api/v1/callbacks/${second.body.id}/outcome`, t.tokens.agent, { outcome: 'reached', durationSeconds: 180, notes: 'Garantie erklärt.' })).body.status).toBe('done');
  });

  it('refuses what does not fit: a written reply by phone, a letter on the hotline, viewers, other workspaces', async () => {
    const call = await api<{ conversationId: string }>(p, 'POST', '/api/v1/calls', t.tokens.agent, { clientId: randomUUID(), direction: 'inbound', channelId: phone, durationSeconds: 10, notes: 'Kurz', caller: { phone: '+4930999' } });
    const stream = await openStream(p, t.token);
    const reply = await api<{ id: string }>(p, 'POST', `/api/v1/conversations/${call.body.conversationId}/messages`, t.tokens.agent, { text: 'Schriftlich?', type: 'reply' });
    const failed = await stream.waitFor((e) => e.type === 'message.updated' && e.data.id === reply.body.id && e.data.deliveryStatus === 'failed', 10_000);
    expect(String(failed.data.deliveryError)).toMatch(/answered by calling/);
    stream.close();

    expect((await api(p, 'POST', '/api/v1/letters', t.tokens.agent, { clientId: randomUUID(), channelId: phone, kind: 'fax', text: 'x', sender: { name: 'A' } })).status).toBe(400);
    expect((await api(p, 'POST', '/api/v1/calls', t.tokens.agent, { clientId: randomUUID(), direction: 'inbound', durationSeconds: 1, notes: 'x' })).status).toBe(400);
    expect((await api(p, 'POST', '/api/v1/calls', t.tokens.viewer, { clientId: randomUUID(), direction: 'inbound', channelId: phone, durationSeconds: 1, notes: 'x', caller: { name: 'A' } })).status).toBe(403);
    const other = await createTenant(p);
    const theirs = await api<{ id: string }>(p, 'POST', '/api/v1/channels', other.token, { type: 'phone', name: 'Other' });
    const mine = (await api<{ items: Callback[] }>(p, 'GET', '/api/v1/callbacks', t.token)).body.items[0];
    expect((await api(p, 'POST', `/api/v1/callbacks/${mine?.id}/outcome`, other.token, { outcome: 'reached' })).status).toBe(404);
    expect((await api(p, 'POST', '/api/v1/calls', t.tokens.agent, { clientId: randomUUID(), direction: 'inbound', channelId: theirs.body.id, durationSeconds: 1, notes: 'x', caller: { name: 'A' } })).status).toBe(404);
  }, 20_000);

  it('takes a callback request from the web chat widget into the visitor\'s conversation', async () => {
    const chat = await api<{ id: string }>(p, 'POST', '/api/v1/channels', t.token, { type: 'webchat', name: 'Site' });
    const visitor = (await api<{ token: string }>(p, 'POST', `/api/v1/widget/${chat.body.id}/visitors`, null)).body.token;
    const asked = await api<{ conversationId: string }>(p, 'POST', `/api/v1/widget/${chat.body.id}/callbacks`, null, { clientId: randomUUID(), phone: '+43 660 1234567', name: 'Eva' }, { 'x-parley-visitor': visitor });
    expect(asked.status).toBe(201);
    const open = (await api<{ items: Callback[] }>(p, 'GET', '/api/v1/callbacks?status=open', t.token)).body.items;
    expect(open.find((c) => c.conversationId === asked.body.conversationId)).toMatchObject({ phone: '+436601234567' });
  });
});
