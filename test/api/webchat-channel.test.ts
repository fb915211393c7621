import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailMissedChatReplies } from '../../src/pipeline/missed-chat-replies.js';
import { createSecretBox, loadSecretKey } from '../../src/security/secret-box.js';
import { backends } from '../support/backends.js';
import { startCapturingSmtp } from '../support/smtp-capture.js';
import { api, createTenant, openSocket, openStream, startTestParley, type Tenant, type TestParley } from '../support/parley.js';

const backend = backends()[0];

describe('web chat widget API', () => {
  let p: TestParley;
  let t: Tenant;
  let channelId: string;
  const widget = (path: string) => `/api/v1/widget/${channelId}${path}`;
  const as = (token: string) => ({ 'x-parley-visitor': token });

  async function visitor(): Promise<string> {
    const res = await api<{ token: string }>(p, 'POST', widget('/visitors'), null);
    expect(res.status).toBe(201);
    return res.body.token;
  }

  beforeAll(async () => {
    if (!backend) throw new Error('no backend');
    p = await startTestParley(backend);
    t = await createTenant(p);
    const res = await api<{ id: string; webhookUrl: string }>(p, 'POST', '/api/v1/channels', t.token, { type: 'webchat', name: 'Website', settings: { allowedOrigins: ['https://shop.example'], preChatForm: true, offlineByBusinessHours: false } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    channelId = res.body.id;
  });
  afterAll(async () => p.drop());

  it('gives a visitor a signed identity, stores their messages once, and links them by e-mail', async () => {
    const config = await api<{ preChatForm: boolean; online: boolean; greeting: { de: string } }>(p, 'GET', widget('/config'), null);
    expect(config.body).toMatchObject({ preChatForm: true, online: true });
    const token = await visitor();
    const clientId = randomUUID();
    const body = { clientId, text: 'Hallo, ist die Jacke in M lieferbar?', name: 'Sara Vogel', email: 'sara@example.de' };
    const first = await api<{ id: string; conversationId: string }>(p, 'POST', widget('/messages'), null, body, as(token));
    expect(first.status).toBe(201);
    const again = await api<{ id: string }>(p, 'POST', widget('/messages'), null, body, as(token));
    expect(again).toMatchObject({ status: 200, body: { id: first.body.id } });
    const conv = await api<{ contact: { email: string; name: string }; messages: unknown[] }>(p, 'GET', `/api/v1/conversations/${first.body.conversationId}`, t.token);
    expect(conv.body.contact).toMatchObject({ email: 'sara@example.de', name: 'Sara Vogel' });
    expect(conv.body.messages).toHaveLength(1);
  });

  it('goes offline outside business hours when the channel says so', async () => {
    const days = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
    const today = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Berlin', weekday: 'short' }).format(new Date()).toLowerCase();
    const otherDay = days.find((d) => !today.startsWith(d)) ?? 'sun';
    const calendar = { timeZone: 'Europe/Berlin', slots: [{ day: otherDay, start: '08:00', end: '18:00' }], holidays: [] };
    expect((await api(p, 'PUT', '/api/v1/workspace/service-levels', t.token, { policies: [], calendar })).status).toBe(200);
    const hours = await api<{ id: string }>(p, 'POST', '/api/v1/channels', t.token, { type: 'webchat', name: 'Office hours', settings: { offlineByBusinessHours: true } });
    expect((await api<{ online: boolean }>(p, 'GET', `/api/v1/widget/${hours.body.id}/config`, null)).body.online).toBe(false);
    expect((await api<{ online: boolean }>(p, 'GET', widget('/config'), null)).body.online).toBe(true);
  });

  it('refuses missing, forged and foreign visitor tokens, and sites the channel does not allow', async () => {
    const msg = { clientId: randomUUID(), text: 'hi' };
    expect((await api(p, 'POST', widget('/messages'), null, msg)).status).toBe(401);
    const token = await visitor();
    expect((await api(p, 'POST', widget('/messages'), null, msg, as(`${token.split('.')[0]}.forged`))).status).toBe(401);
    const other = await api<{ id: string }>(p, 'POST', '/api/v1/channels', t.token, { type: 'webchat', name: 'Other site' });
    const foreign = (await api<{ token: string }>(p, 'POST', `/api/v1/widget/${other.body.id}/visitors`, null)).body.token;
    expect((await api(p, 'POST', widget('/messages'), null, msg, as(foreign))).status).toBe(401);
    expect((await api(p, 'GET', widget('/config'), null, undefined, { origin: 'https://evil.example' })).status).toBe(403);
    const allowed = await api(p, 'GET', widget('/config'), null, undefined, { origin: 'https://shop.example' });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect((await api(p, 'POST', widget('/messages'), null, { ...msg, text: '' }, as(token))).status).toBe(400);
    expect((await api(p, 'GET', `/api/v1/widget/${randomUUID()}/config`, null)).status).toBe(404);
  });

  it('brings the agent\'s reply and typing to the visitor live, and never an internal note', async () => {
    const token = await visitor();
    const sent = await api<{ id: string; conversationId: string }>(p, 'POST', widget('/messages'), null, { clientId: randomUUID(), text: 'Wie lange dauert der Versand?' }, as(token));
    const socket = await openSocket(`${p.url.replace('http', 'ws')}${widget('/stream')}?token=${encodeURIComponent(token)}`, 'ready');
    const agents = await openStream(p, t.token);

    await api(p, 'POST', widget('/typing'), null, { typing: true }, as(token));
    await agents.waitFor((e) => e.type === 'conversation.typing' && e.data.conversationId === sent.body.conversationId && e.data.who === 'contact');
    expect((await api(p, 'POST', `/api/v1/conversations/${sent.body.conversationId}/typing`, t.tokens.agent, { typing: true })).status).toBe(204);
    await socket.waitFor((e) => e.type === 'typing' && e.data.typing === true);

    await api(p, 'POST', `/api/v1/conversations/${sent.body.conversationId}/messages`, t.token, { text: 'Kunde fragt nach Versand', type: 'note' });
    await api(p, 'POST', `/api/v1/conversations/${sent.body.conversationId}/messages`, t.tokens.agent, { text: 'In 1–2 Werktagen <b>ist sie da</b>.', type: 'reply' });
    const reply = await socket.waitFor((e) => e.type === 'message');
    expect(reply.data).toMatchObject({ direction: 'outbound', text: 'In 1–2 Werktagen <b>ist sie da</b>.' });
    const history = await api<{ items: { direction: string; text: string }[] }>(p, 'GET', widget('/messages'), null, undefined, as(token));
    expect(history.body.items.map((m) => m.direction)).toEqual(['inbound', 'outbound']);
    expect(JSON.stringify(history.body)).not.toContain('Kunde fragt');
    expect(socket.events.some((e) => JSON.stringify(e).includes('Kunde fragt'))).toBe(false);
    socket.close();
    agents.close();
  });

  it('follows a conversation the visitor opens after connecting', async () => {
    const token = await visitor();
    const socket = await openSocket(`${p.url.replace('http', 'ws')}${widget('/stream')}?token=${encodeURIComponent(token)}`, 'ready');
    const sent = await api<{ conversationId: string }>(p, 'POST', widget('/messages'), null, { clientId: randomUUID(), text: 'Neue Frage' }, as(token));
    socket.send({ watch: sent.body.conversationId });
    await new Promise((r) => setTimeout(r, 200));
    await api(p, 'POST', `/api/v1/conversations/${sent.body.conversationId}/messages`, t.token, { text: 'Gern!', type: 'reply' });
    expect((await socket.waitFor((e) => e.type === 'message')).data.text).toBe('Gern!');
    socket.close();
  });

  it('carries files both ways, and only to the visitor whose conversation holds them', async () => {
    const token = await visitor();
    const upload = await fetch(`${p.url}${widget('/attachments')}?filename=${encodeURIComponent('Kassenbon.png')}`, { method: 'POST', headers: { 'content-type': 'image/png', 'x-parley-visitor': token }, body: 'png-bytes' });
    expect(upload.status).toBe(201);
    const file = (await upload.json()) as { id: string };
    const sent = await api<{ id: string; conversationId: string }>(p, 'POST', widget('/messages'), null, { clientId: randomUUID(), attachmentIds: [file.id] }, as(token));
    expect(sent.status).toBe(201);
    const conv = await api<{ messages: { text: string; attachments: { id: string; filename: string }[] }[] }>(p, 'GET', `/api/v1/conversations/${sent.body.conversationId}`, t.token);
    expect(conv.body.messages[0]).toMatchObject({ text: 'Kassenbon.png', attachments: [{ id: file.id, filename: 'Kassenbon.png' }] });

    const agentUpload = await fetch(`${p.url}/api/v1/attachments?filename=Retourenschein.pdf`, { method: 'POST', headers: { authorization: `Bearer ${t.tokens.agent}`, 'content-type': 'application/pdf' }, body: '%PDF retour' });
    const agentFile = (await agentUpload.json()) as { id: string };
    await api(p, 'POST', `/api/v1/conversations/${sent.body.conversationId}/messages`, t.tokens.agent, { text: 'Hier der Retourenschein.', type: 'reply', attachmentIds: [agentFile.id] });
    const history = await api<{ items: { direction: string; files: { id: string; filename: string }[] }[] }>(p, 'GET', widget('/messages'), null, undefined, as(token));
    expect(history.body.items.map((m) => m.files.map((f) => f.filename))).toEqual([['Kassenbon.png'], ['Retourenschein.pdf']]);

    const download = await fetch(`${p.url}${widget(`/attachments/${agentFile.id}`)}?visitor=${encodeURIComponent(token)}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toContain('attachment');
    expect(await download.text()).toBe('%PDF retour');
    const stranger = await visitor();
    expect((await fetch(`${p.url}${widget(`/attachments/${agentFile.id}`)}?visitor=${encodeURIComponent(stranger)}`)).status).toBe(404);
    expect((await fetch(`${p.url}${widget(`/attachments/${agentFile.id}`)}`)).status).toBe(401);
    expect((await api(p, 'POST', widget('/messages'), null, { clientId: randomUUID() }, as(token))).status).toBe(400);
  });

  it('mails a reply the visitor missed to the address they left, and not one the widget showed', async () => {
    const outgoing = await startCapturingSmtp('service@shop.example', 'smtp-geheim');
    try {
      await api(p, 'POST', '/api/v1/channels', t.token, { type: 'email', name: 'Shop Service', settings: { address: 'service@shop.example', smtp: { host: '127.0.0.1', port: outgoing.port, secure: false, user: 'service@shop.example' }, smtpPassword: 'smtp-geheim' } });
      const box = createSecretBox(loadSecretKey({}, p.dataDir));
      const away = await visitor();
      const left = await api<{ conversationId: string }>(p, 'POST', widget('/messages'), null, { clientId: randomUUID(), text: 'Bin gleich weg, bitte per Mail antworten.', email: 'lena@example.de' }, as(away));
      const stays = await visitor();
      const here = await api<{ conversationId: string }>(p, 'POST', widget('/messages'), null, { clientId: randomUUID(), text: 'Ich warte hier.', email: 'tom@example.de' }, as(stays));
      const socket = await openSocket(`${p.url.replace('http', 'ws')}${widget('/stream')}?token=${encodeURIComponent(stays)}`, 'ready');
      const agents = await openStream(p, t.token);
      const missed = await api<{ id: string }>(p, 'POST', `/api/v1/conversations/${left.body.conversationId}/messages`, t.tokens.agent, { text: 'Ihre Bestellung ist unterwegs.', type: 'reply' });
      const seen = await api<{ id: string }>(p, 'POST', `/api/v1/conversations/${here.body.conversationId}/messages`, t.tokens.agent, { text: 'Bin schon dran.', type: 'reply' });
      await socket.waitFor((e) => e.type === 'message');
      await agents.waitFor((e) => e.type === 'message.updated' && e.data.id === seen.body.id && e.data.deliveryStatus === 'delivered');
      await agents.waitFor((e) => e.type === 'message.updated' && e.data.id === missed.body.id && e.data.deliveryStatus === 'sent');

      expect(await emailMissedChatReplies(p.db, box, { allowPrivateNetworks: true, graceMs: 0 })).toBe(1);
      expect(outgoing.mails).toHaveLength(1);
      expect(outgoing.mails[0]?.rcptTo).toEqual(['lena@example.de']);
      expect(outgoing.mails[0]?.raw.toString()).toContain('Ihre Bestellung ist unterwegs.');
      // Mailed once: the next round finds nothing.
      expect(await emailMissedChatReplies(p.db, box, { allowPrivateNetworks: true, graceMs: 0 })).toBe(0);
      socket.close();
      agents.close();
    } finally {
      await outgoing.close();
    }
  });

  it('slows down a visitor who floods the chat', async () => {
    const token = await visitor();
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) statuses.push((await api(p, 'POST', widget('/messages'), null, { clientId: randomUUID(), text: `spam ${i}` }, as(token))).status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(20);
    expect(statuses.at(-1)).toBe(429);
  });
});
