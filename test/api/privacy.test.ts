import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../support/backends.js';
import { api, createTenant, openStream, startTestParley, type Tenant, type TestParley } from '../support/parley.js';

const backend = backends()[0];

// Words only the erased customer ever wrote or was known by; none may be findable afterwards.
const TRACES = ['xylophon', 'pfefferminzgurk', 'sonnenfinsternis', 'zitronenfalt', 'quetschbeutel', 'anna@example.org', 'anna.alt@example.org', 'de89370400440532013000', 'rückruf bitte abends'];

interface Message { id: string; text: string; contactId: string | null; direction: string; attachments: { filename: string }[]; sentiment: string | null }
interface Conversation { id: string; contactId: string; subject: string | null; preview: string; messages: Message[] }
interface Archive {
  contact: { id: string; name: string; notes: string };
  mergedContacts: { email: string }[];
  identities: { kind: string; value: string }[];
  conversations: { id: string; ownedByContact: boolean; messages: Message[]; sentiment: string | null }[];
  mentions: { text: string }[];
  labelCorrections: { field: string; label: string }[];
  consents: { purpose: string; status: string }[];
  orders: { orderId: string; amountMinor: string; currency: string }[];
  auditTrail: { action: string }[];
}

describe('privacy: export, erasure and consent', () => {
  let p: TestParley;
  let t: Tenant;
  let o: Tenant;
  let channelId: string;
  let anna: string;
  let annaAlt: string;
  let own: string;
  let altOwn: string;
  let joined: string;
  let started: string;

  const inbound = async (externalId: string, from: Record<string, string>, text: string, extra: Record<string, string> = {}) =>
    (await api<{ conversationId: string; messageId: string }>(p, 'POST', `/api/v1/channels/${channelId}/inbound`, t.token, { externalId, from, text, ...extra })).body;

  const traceCount = async () => {
    const tables = await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT LIKE 'parley_migrations%'`.execute(p.db);
    const found: string[] = [];
    for (const { name } of tables.rows) {
      for (const trace of TRACES) {
        const res = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(name)} t WHERE lower(t::text) LIKE ${`%${trace}%`}`.execute(p.db);
        if ((res.rows[0]?.n ?? 0) > 0) found.push(`${name}: ${trace}`);
      }
    }
    return found;
  };

  beforeAll(async () => {
    if (!backend) throw new Error('no backend');
    p = await startTestParley(backend);
    t = await createTenant(p);
    o = await createTenant(p);
    channelId = (await api<{ id: string }>(p, 'POST', '/api/v1/channels', t.token, { type: 'api', name: 'Web' })).body.id;
    await api(p, 'POST', '/api/v1/listening/queries', t.token, { name: 'Snack', query: 'Kumquatschnitzel' });

    const first = await inbound('a-1', { id: 'anna', name: 'Anna Quetschbeutel', email: 'anna@example.org' }, 'Mein Xylophon ist kaputt, bitte erstatten: IBAN DE89370400440532013000', { subject: 'Xylophon kaputt' });
    own = first.conversationId;
    await api(p, 'POST', `/api/v1/conversations/${own}/messages`, t.token, { text: 'Wir kümmern uns, Frau Quetschbeutel.' });
    await p.db.updateTable('messages').set({ attachments: JSON.stringify([{ id: 'f1', filename: 'rechnung.pdf', contentType: 'application/pdf', size: 1234 }]) }).where('id', '=', first.messageId).execute();

    joined = (await inbound('b-1', { id: 'bernd', name: 'Bernd Beispiel' }, 'Tolles Produkt, Quasselstrippe forever', { threadKey: 'post-42', visibility: 'public' })).conversationId;
    const annaInJoined = await inbound('a-2', { id: 'anna' }, 'Ich finde den Kumquatschnitzel schlecht, Pfefferminzgurke', { threadKey: 'post-42', visibility: 'public' });
    expect(annaInJoined.conversationId).toBe(joined);
    expect((await api(p, 'POST', `/api/v1/messages/${annaInJoined.messageId}/corrections`, t.token, { field: 'sentiment', label: 'negative' })).status).toBe(204);

    started = (await inbound('a-3', { id: 'anna' }, 'Wer hat eine Sonnenfinsternisbrille?', { threadKey: 'post-43', visibility: 'public' })).conversationId;
    await inbound('b-2', { id: 'bernd' }, 'Ich leihe dir meine, Hummelflug', { threadKey: 'post-43', visibility: 'public' });

    altOwn = (await inbound('a-4', { id: 'anna-alt', name: 'Anna Q. Alt', email: 'anna.alt@example.org' }, 'Zitronenfalter sind schön')).conversationId;
    const c = await api<{ contactId: string }>(p, 'GET', `/api/v1/conversations/${own}`, t.token);
    anna = c.body.contactId;
    annaAlt = (await api<{ contactId: string }>(p, 'GET', `/api/v1/conversations/${altOwn}`, t.token)).body.contactId;
    expect((await api(p, 'POST', `/api/v1/contacts/${anna}/merge`, t.tokens.agent, { sourceId: annaAlt })).status).toBe(200);
    await api(p, 'PATCH', `/api/v1/contacts/${anna}`, t.tokens.agent, { notes: '<script>alert(1)</script> Rückruf bitte abends' });
  });
  afterAll(async () => p.drop());

  it('records consents per contact and channel, as a history', async () => {
    const given = await api<{ id: string; status: string }>(p, 'POST', `/api/v1/contacts/${anna}/consents`, t.tokens.agent, { purpose: 'marketing', status: 'given', source: 'web form', channelId });
    expect(given.status).toBe(201);
    await api(p, 'POST', `/api/v1/contacts/${anna}/consents`, t.tokens.agent, { purpose: 'marketing', status: 'withdrawn', source: 'phone call', channelId });
    const list = await api<{ items: { purpose: string; status: string; channelId: string | null }[] }>(p, 'GET', `/api/v1/contacts/${anna}/consents`, t.tokens.viewer);
    expect(list.body.items.map((c) => c.status)).toEqual(['withdrawn', 'given']);
    expect(list.body.items[0]?.channelId).toBe(channelId);

    expect((await api(p, 'POST', `/api/v1/contacts/${anna}/consents`, t.tokens.viewer, { purpose: 'marketing', status: 'given', source: 'x' })).status).toBe(403);
    expect((await api(p, 'POST', `/api/v1/contacts/${anna}/consents`, t.token, { purpose: 'marketing', status: 'given', source: 'x', workspaceId: o.workspaceId })).status).toBe(400);
    expect((await api(p, 'POST', `/api/v1/contacts/${anna}/consents`, t.token, { purpose: 'marketing', status: 'maybe', source: 'x' })).status).toBe(400);
    const foreignChannel = (await api<{ id: string }>(p, 'POST', '/api/v1/channels', o.token, { type: 'api', name: 'Other' })).body.id;
    expect((await api(p, 'POST', `/api/v1/contacts/${anna}/consents`, t.token, { purpose: 'marketing', status: 'given', source: 'x', channelId: foreignChannel })).status).toBe(404);
    expect((await api(p, 'GET', `/api/v1/contacts/${anna}/consents`, o.token)).status).toBe(404);
    expect((await api(p, 'POST', `/api/v1/contacts/${anna}/consents`, o.token, { purpose: 'marketing', status: 'given', source: 'x' })).status).toBe(404);
    expect((await api<{ items: unknown[] }>(p, 'GET', `/api/v1/contacts/${anna}/consents`, t.token)).body.items.length).toBe(2);
  });

  it('exports everything held about the contact as JSON, and nothing of other customers', async () => {
    await api(p, 'GET', `/api/v1/contacts/${anna}`, t.tokens.viewer);
    const order = { id: 'A-1001', date: '2026-03-01', amount: '49.90', currency: 'EUR', status: 'delivered' };
    expect((await api(p, 'POST', `/api/v1/contacts/${anna}/orders`, t.token, { orders: [order] })).status).toBeLessThan(300);
    const res = await api<Archive>(p, 'GET', `/api/v1/contacts/${anna}/export`, t.token);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="contact-${anna}.json"`);
    const a = res.body;
    expect(a.contact.name).toBe('Anna Quetschbeutel');
    expect(a.mergedContacts.map((m) => m.email)).toEqual(['anna.alt@example.org']);
    expect(a.identities.map((i) => i.value)).toEqual(expect.arrayContaining(['anna', 'anna-alt', 'anna@example.org', 'anna.alt@example.org']));
    expect(a.conversations.map((c) => c.id).sort()).toEqual([own, joined, started, altOwn].sort());
    const texts = a.conversations.flatMap((c) => c.messages.map((m) => m.text));
    expect(texts).toEqual(expect.arrayContaining([expect.stringContaining('Xylophon'), 'Wir kümmern uns, Frau Quetschbeutel.', 'Ich finde den Kumquatschnitzel schlecht, Pfefferminzgurke', 'Zitronenfalter sind schön']));
    expect(texts.join(' ')).not.toMatch(/Quasselstrippe|Hummelflug/);
    expect(a.conversations.find((c) => c.id === own)?.messages[0]?.attachments[0]?.filename).toBe('rechnung.pdf');
    expect(a.conversations.find((c) => c.id === own)?.messages[0]?.sentiment).not.toBeUndefined();
    expect(a.mentions.map((m) => m.text)).toEqual(['Ich finde den Kumquatschnitzel schlecht, Pfefferminzgurke']);
    expect(a.labelCorrections).toEqual([expect.objectContaining({ field: 'sentiment', label: 'negative' })]);
    expect(a.consents.map((c) => c.status)).toEqual(['withdrawn', 'given']);
    expect(a.orders).toEqual([expect.objectContaining({ orderId: 'A-1001', amountMinor: '4990', currency: 'EUR' })]);
    expect(a.auditTrail.map((e) => e.action)).toEqual(expect.arrayContaining(['contact.viewed', 'conversation.viewed', 'contact.updated', 'consent.recorded']));
  });

  it('exports a readable, escaped HTML summary in German or English', async () => {
    const get = (query: string, headers: Record<string, string> = {}) => fetch(`${p.url}/api/v1/contacts/${anna}/export${query}`, { headers: { authorization: `Bearer ${t.token}`, ...headers } });
    const en = await get('?format=html', { 'accept-language': 'en-GB,en;q=0.9' });
    expect(en.status).toBe(200);
    expect(en.headers.get('content-type')).toContain('text/html');
    expect(en.headers.get('content-disposition')).toBe(`attachment; filename="contact-${anna}.html"`);
    expect(en.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await en.text();
    expect(html).toContain('Access report');
    expect(html).toContain('Anna Quetschbeutel');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;');
    const de = await (await get('?format=html&lang=de', { 'accept-language': 'en' })).text();
    expect(de).toContain('Auskunft über gespeicherte Daten');
    const log = await api<{ items: { action: string; metadata: { format: string } }[] }>(p, 'GET', `/api/v1/audit-log?action=contact.exported&targetId=${anna}`, t.token);
    expect(log.body.items.map((e) => e.metadata.format)).toEqual(['html', 'html', 'json']);
  });

  it('lets neither agents nor viewers export or erase, and another workspace sees 404 and changes nothing', async () => {
    for (const role of ['agent', 'viewer'] as const) {
      expect((await api(p, 'GET', `/api/v1/contacts/${anna}/export`, t.tokens[role])).status).toBe(403);
      expect((await api(p, 'POST', `/api/v1/contacts/${anna}/erase`, t.tokens[role])).status).toBe(403);
    }
    const auditRows = async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log`.execute(p.db)).rows[0]?.n;
    const before = await auditRows();
    expect((await api(p, 'GET', `/api/v1/contacts/${anna}/export`, o.token)).status).toBe(404);
    expect((await api(p, 'GET', `/api/v1/contacts/${anna}/export?format=html`, o.token)).status).toBe(404);
    expect((await api(p, 'POST', `/api/v1/contacts/${anna}/erase`, o.token)).status).toBe(404);
    expect((await api(p, 'POST', `/api/v1/contacts/${annaAlt}/erase`, t.token)).status).toBe(404);
    expect(await auditRows()).toBe(before);
    expect((await api(p, 'GET', `/api/v1/contacts/${anna}`, t.token)).status).toBe(200);
  });

  it('erases the contact everywhere, redacts it from shared threads, and leaves nothing findable', async () => {
    // Before: the traces are there, so the checks below can fail.
    expect(await traceCount()).toEqual(expect.arrayContaining(['outbox: xylophon', 'messages: pfefferminzgurk', 'contacts: quetschbeutel']));
    expect((await api<{ items: unknown[] }>(p, 'GET', '/api/v1/conversations?q=Xylophon', t.token)).body.items.length).toBe(1);

    const stream = await openStream(p, t.tokens.viewer);
    const res = await api<Record<string, number>>(p, 'POST', `/api/v1/contacts/${anna}/erase`, t.token);
    expect(res.status).toBe(200);
    // Open agent apps hear of it, by ids only, and get the shared threads as they now read.
    const erased = await stream.waitFor((e) => e.type === 'contact.erased');
    expect(erased.data).toEqual({ id: anna, deletedConversationIds: expect.arrayContaining([own, altOwn]) });
    await stream.waitFor((e) => e.type === 'conversation.updated' && e.data.id === joined && e.data.preview === '[erased]');
    stream.close();
    expect(res.body).toMatchObject({ contacts: 2, conversationsDeleted: 2, conversationsRedacted: 2, messagesDeleted: 3, messagesRedacted: 2, mentions: 1, labelCorrections: 1, consents: 2 });

    expect(await traceCount()).toEqual([]);
    for (const q of ['Xylophon', 'Kumquatschnitzel', 'Sonnenfinsternisbrille', 'Zitronenfalter', 'Quetschbeutel']) {
      expect((await api<{ items: unknown[] }>(p, 'GET', `/api/v1/conversations?q=${encodeURIComponent(q)}`, t.token)).body.items).toEqual([]);
    }
    for (const q of ['Quetschbeutel', 'anna@example.org', 'Anna']) {
      expect((await api<{ items: unknown[] }>(p, 'GET', `/api/v1/contacts?q=${encodeURIComponent(q)}`, t.token)).body.items).toEqual([]);
    }
    for (const id of [anna, annaAlt]) {
      expect((await api(p, 'GET', `/api/v1/contacts/${id}`, t.token)).status).toBe(404);
      expect((await api(p, 'GET', `/api/v1/contacts/${id}/export`, t.token)).status).toBe(404);
      expect((await api(p, 'POST', `/api/v1/contacts/${id}/erase`, t.token)).status).toBe(404);
    }
    expect((await api(p, 'GET', `/api/v1/conversations/${own}`, t.token)).status).toBe(404);
    expect((await api(p, 'GET', `/api/v1/conversations/${altOwn}`, t.token)).status).toBe(404);

    // Bernd's threads stay, readable, with Anna's words replaced.
    const shared = await api<Conversation>(p, 'GET', `/api/v1/conversations/${joined}`, t.token);
    expect(shared.body.messages.map((m) => [m.text, m.contactId === null])).toEqual([['Tolles Produkt, Quasselstrippe forever', false], ['[erased]', true]]);
    expect((await api<{ items: { id: string }[] }>(p, 'GET', '/api/v1/conversations?q=Quasselstrippe', t.token)).body.items.map((c) => c.id)).toEqual([joined]);
    const handed = await api<Conversation>(p, 'GET', `/api/v1/conversations/${started}`, t.token);
    expect(handed.body.contactId).toBe(shared.body.contactId);
    expect(handed.body.subject).toBeNull();
    expect(handed.body.preview).toBe('Ich leihe dir meine, Hummelflug');
    expect((await api<{ items: { id: string }[] }>(p, 'GET', '/api/v1/conversations?q=Hummelflug', t.token)).body.items.map((c) => c.id)).toEqual([started]);

    const log = await api<{ items: { actorType: string; metadata: Record<string, unknown> }[] }>(p, 'GET', `/api/v1/audit-log?action=contact.erased&targetId=${anna}`, t.token);
    expect(log.body.items).toHaveLength(1);
    expect(log.body.items[0]?.metadata).toMatchObject({ messagesDeleted: 3, mergedContactIds: [annaAlt] });
    // The trail of who looked at the contact survives the contact: ids, never data.
    const trail = await api<{ items: unknown[] }>(p, 'GET', `/api/v1/audit-log?targetId=${anna}`, t.token);
    expect(trail.body.items.length).toBeGreaterThan(3);
  });
});
