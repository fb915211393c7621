import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertArticle } from '../support/articles.js';
import { backends } from '../support/backends.js';
import { api, createTenant, startTestParley, type Tenant, type TestParley } from '../support/parley.js';

const backend = backends()[0];

interface Suggestions {
  articles: { id: string; title: string; status: string; url: string | null; insertText: string; snippet: string; confidence: number }[];
  pastAnswers: { conversationId: string; insertText: string; question: string }[];
}

describe('suggested answers', () => {
  let p: TestParley;
  let t: Tenant;
  let channelId: string;
  let n = 0;
  const ids: Record<string, string> = {};

  const ask = async (text: string, sender = `c-${randomUUID()}`) =>
    (await api<{ conversationId: string }>(p, 'POST', `/api/v1/channels/${channelId}/inbound`, t.token, { externalId: `m-${++n}`, from: { id: sender }, text })).body.conversationId;
  const suggestions = async (conversationId: string, token = t.tokens.viewer) => api<Suggestions>(p, 'GET', `/api/v1/conversations/${conversationId}/suggestions`, token);

  beforeAll(async () => {
    if (!backend) throw new Error('no backend');
    p = await startTestParley(backend);
    t = await createTenant(p);
    channelId = (await api<{ id: string }>(p, 'POST', '/api/v1/channels', t.token, { type: 'api', name: 'Shop' })).body.id;
    ids.returns = (
      await insertArticle(p, t.workspaceId, {
        title: 'Artikel zurücksenden',
        slug: 'ruecksendung',
        bodyMd: 'Drucken Sie im **Kundenkonto** das kostenlose Rücksendeetikett aus.\n\n## Beispielfragen\n- Wie schicke ich etwas zurück?\n- Wo bekomme ich ein Retourenetikett?',
      })
    ).id;
    ids.returnsEn = (await insertArticle(p, t.workspaceId, { title: 'Returning an item', language: 'en', slug: 'returns', bodyMd: 'Print the free return label in your account.' })).id;
    ids.password = (await insertArticle(p, t.workspaceId, { title: 'Passwort zurücksetzen', status: 'internal', bodyMd: 'Auf der Anmeldeseite „Passwort vergessen“ wählen.' })).id;
    ids.draft = (await insertArticle(p, t.workspaceId, { title: 'Versandkosten', status: 'draft', bodyMd: 'Der Versand kostet 4,95 Euro.' })).id;
    expect((await api(p, 'PUT', '/api/v1/kb/bot', t.token, { helpCenterUrl: 'https://help.shop.example/help/shop', channels: [] })).status).toBe(200);
  });
  afterAll(async () => p.drop());

  it('suggests the fitting article first, in the conversation language, with its answer and public link', async () => {
    const conv = await ask('Hallo! Wie kann ich die Schuhe zurückschicken? Die passen leider nicht.');
    const res = await suggestions(conv);
    expect(res.status).toBe(200);
    const [first] = res.body.articles;
    expect(first).toMatchObject({ id: ids.returns, status: 'published', url: 'https://help.shop.example/help/shop/de/articles/ruecksendung' });
    // The example questions are for finding the article, not part of the answer.
    expect(first?.insertText).toBe('Drucken Sie im Kundenkonto das kostenlose Rücksendeetikett aus.\n\nhttps://help.shop.example/help/shop/de/articles/ruecksendung');
    expect(res.body.articles.map((a) => a.id)).not.toContain(ids.draft);
    // Without an address of its own, the link leads to this installation's help center.
    expect((await api(p, 'PUT', '/api/v1/kb/bot', t.token, { helpCenterUrl: null, channels: [] })).status).toBe(200);
    expect((await suggestions(conv)).body.articles[0]?.url).toBe(`${p.url}/help/${t.slug}/de/articles/ruecksendung`);
    expect((await api(p, 'PUT', '/api/v1/kb/bot', t.token, { helpCenterUrl: 'https://help.shop.example/help/shop', channels: [] })).status).toBe(200);
  });

  it('suggests internal articles without a link, never drafts, and sees a saved article at once', async () => {
    const conv = await ask('Ich habe mein Passwort vergessen und komme nicht rein');
    const [first] = (await suggestions(conv)).body.articles;
    expect(first).toMatchObject({ id: ids.password, status: 'internal', url: null });
    const shipping = await ask('Was kostet der Versand?');
    expect((await suggestions(shipping)).body.articles.map((a) => a.id)).not.toContain(ids.draft);
    await p.db.updateTable('articles').set({ status: 'published', updatedAt: new Date() }).where('id', '=', ids.draft ?? '').execute();
    expect((await suggestions(shipping)).body.articles[0]?.id).toBe(ids.draft);
  });

  it('offers past answers of resolved conversations and records the article an agent sent', async () => {
    const earlier = await ask('Kann ich meine Bestellung noch stornieren?');
    await api(p, 'POST', `/api/v1/conversations/${earlier}/messages`, t.tokens.agent, { text: 'Ja, innerhalb von 30 Minuten im Kundenkonto unter Bestellungen.' });
    await api(p, 'POST', `/api/v1/conversations/${earlier}/messages`, t.tokens.agent, { text: 'Stornieren Sie bitte selbst, Frau Weber, oder schreiben Sie an anna.weber@example.de.' });
    await api(p, 'PATCH', `/api/v1/conversations/${earlier}`, t.tokens.agent, { status: 'resolved' });

    const now = await ask('Bestellung stornieren geht das noch?');
    const res = await suggestions(now);
    expect(res.body.pastAnswers.map((a) => a.insertText)).toContain('Ja, innerhalb von 30 Minuten im Kundenkonto unter Bestellungen.');
    expect(res.body.pastAnswers.every((a) => a.conversationId === earlier)).toBe(true);
    // Another customer's address never reaches a suggestion.
    expect(JSON.stringify(res.body.pastAnswers)).not.toContain('anna.weber@example.de');
    expect(JSON.stringify(res.body.pastAnswers)).toContain('[email]');

    const sent = await api(p, 'POST', `/api/v1/conversations/${now}/messages`, t.tokens.agent, { text: 'Siehe hier', articleIds: [ids.returns] });
    expect(sent.status).toBe(201);
    const links = await p.db.selectFrom('articleConversations').selectAll().where('conversationId', '=', now).execute();
    expect(links).toMatchObject([{ articleId: ids.returns, via: 'suggestion' }]);
  });

  it('refuses foreign conversations and articles, and stores nothing for an unknown article', async () => {
    const other = await createTenant(p);
    const conv = await ask('Wie schicke ich etwas zurück?');
    expect((await suggestions(conv, other.token)).status).toBe(404);
    const foreignArticle = await insertArticle(p, other.workspaceId, { title: 'Fremd', bodyMd: 'Fremder Text' });
    const before = (await api<{ messages: unknown[] }>(p, 'GET', `/api/v1/conversations/${conv}`, t.token)).body.messages.length;
    const res = await api(p, 'POST', `/api/v1/conversations/${conv}/messages`, t.tokens.agent, { text: 'Antwort', articleIds: [foreignArticle.id] });
    expect(res.status).toBe(404);
    expect((await api<{ messages: unknown[] }>(p, 'GET', `/api/v1/conversations/${conv}`, t.token)).body.messages).toHaveLength(before);
    expect((await api(p, 'POST', `/api/v1/conversations/${conv}/messages`, t.tokens.agent, { text: 'Antwort', articleIds: ['nope'] })).status).toBe(400);
  });
});
