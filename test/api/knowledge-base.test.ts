import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pruneUnlinkedAttachments, storeAttachments } from '../../src/db/attachments.js';
import { backends } from '../support/backends.js';
import { api, createTenant, startTestParley, type Tenant, type TestParley } from '../support/parley.js';

const backend = backends()[0];

interface Article {
  id: string;
  slug: string;
  title: string;
  bodyMd: string;
  bodyHtml: string;
  status: string;
  version: number;
  language: string;
  translationGroup: string;
  translations: { id: string; language: string }[];
  relatedIds: string[];
  reviewedAt: string | null;
  sourceConversationId: string | null;
}
interface Diff {
  version: number;
  bodyMd: string;
  diff: { kind: 'same' | 'added' | 'removed'; text: string }[];
}

describe('knowledge base articles through the API', () => {
  let p: TestParley;
  let t: Tenant;
  let other: Tenant;

  beforeAll(async () => {
    if (!backend) throw new Error('no backend');
    p = await startTestParley(backend);
    t = await createTenant(p);
    other = await createTenant(p);
  });
  afterAll(async () => p.drop());

  it('keeps every save as a version, shows the diff, restores an old text and publishes after an admin review', async () => {
    const category = await api<{ id: string }>(p, 'POST', '/api/v1/kb-categories', t.token, { slug: 'returns', nameDe: 'Rücksendungen', nameEn: 'Returns' });
    expect(category.status).toBe(201);
    const created = await api<Article>(p, 'POST', '/api/v1/articles', t.tokens.agent, {
      language: 'de',
      title: 'Wie sende ich etwas zurück?',
      bodyMd: 'Drucken Sie das **Retourenlabel** aus.\n\nDie Frist beträgt 14 Tage.',
      categoryId: category.body.id,
      tags: ['retoure'],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ slug: 'wie-sende-ich-etwas-zurueck', status: 'draft', version: 1 });
    expect(created.body.bodyHtml).toContain('<strong>Retourenlabel</strong>');
    const id = created.body.id;

    const edited = await api<Article>(p, 'PATCH', `/api/v1/articles/${id}`, t.tokens.agent, { bodyMd: 'Drucken Sie das **Retourenlabel** aus.\n\nDie Frist beträgt 30 Tage.' });
    expect(edited.body.version).toBe(2);
    const tagsOnly = await api<Article>(p, 'PATCH', `/api/v1/articles/${id}`, t.tokens.agent, { tags: ['retoure', 'frist'] });
    expect(tagsOnly.body.version).toBe(2);

    const versions = await api<{ items: { version: number }[] }>(p, 'GET', `/api/v1/articles/${id}/versions`, t.tokens.viewer);
    expect(versions.body.items.map((v) => v.version)).toEqual([2, 1]);
    const v1 = await api<Diff>(p, 'GET', `/api/v1/articles/${id}/versions/1`, t.tokens.viewer);
    expect(v1.body.bodyMd).toContain('14 Tage');
    expect(v1.body.diff.filter((d) => d.kind === 'removed').map((d) => d.text).join('')).toContain('14 Tage');
    expect(v1.body.diff.filter((d) => d.kind === 'added').map((d) => d.text).join('')).toContain('30 Tage');
    expect((await api(p, 'GET', `/api/v1/articles/${id}/versions/9`, t.token)).status).toBe(404);

    const restored = await api<Article>(p, 'POST', `/api/v1/articles/${id}/versions/1/restore`, t.tokens.agent);
    expect(restored.body).toMatchObject({ version: 3 });
    expect(restored.body.bodyMd).toContain('14 Tage');
    expect((await api<{ items: unknown[] }>(p, 'GET', `/api/v1/articles/${id}/versions`, t.token)).body.items).toHaveLength(3);

    // Agents draft; customers see only what an admin reviewed.
    const byAgent = await api<{ error: { code: string } }>(p, 'POST', `/api/v1/articles/${id}/publish`, t.tokens.agent);
    expect(byAgent.status).toBe(403);
    const sneaky = await api<{ error: { code: string } }>(p, 'PATCH', `/api/v1/articles/${id}`, t.tokens.agent, { status: 'published' });
    expect(sneaky.status).toBe(400);
    const published = await api<Article>(p, 'POST', `/api/v1/articles/${id}/publish`, t.tokens.admin);
    expect(published.status).toBe(200);
    expect(published.body.status).toBe('published');
    expect(published.body.reviewedAt).not.toBeNull();
    // Once public, an agent can neither change nor delete it.
    expect((await api(p, 'PATCH', `/api/v1/articles/${id}`, t.tokens.agent, { title: 'Anders' })).status).toBe(403);
    expect((await api(p, 'DELETE', `/api/v1/articles/${id}`, t.tokens.agent)).status).toBe(403);
    const adminEdit = await api<Article>(p, 'PATCH', `/api/v1/articles/${id}`, t.tokens.admin, { title: 'Wie sende ich eine Bestellung zurück?' });
    expect(adminEdit.body).toMatchObject({ status: 'published', version: 4 });

    const list = await api<{ items: { id: string }[] }>(p, 'GET', '/api/v1/articles?status=published&language=de', t.tokens.viewer);
    expect(list.body.items.map((a) => a.id)).toEqual([id]);
    const found = await api<{ items: { id: string }[] }>(p, 'GET', '/api/v1/articles?q=Retourenlabels', t.tokens.viewer);
    expect(found.body.items.map((a) => a.id)).toEqual([id]);
    expect((await api<{ items: unknown[] }>(p, 'GET', '/api/v1/articles?status=draft', t.tokens.viewer)).body.items).toHaveLength(0);
  });

  it('links German and English versions as translations and relates articles', async () => {
    const de = await api<Article>(p, 'POST', '/api/v1/articles', t.tokens.agent, { language: 'de', title: 'Lieferzeiten', bodyMd: 'Zwei bis drei Werktage.' });
    const en = await api<Article>(p, 'POST', '/api/v1/articles', t.tokens.agent, { language: 'en', title: 'Delivery times', bodyMd: 'Two to three working days.', translationOf: de.body.id });
    expect(en.status).toBe(201);
    expect(en.body.translationGroup).toBe(de.body.translationGroup);
    expect(en.body.translations).toEqual([expect.objectContaining({ id: de.body.id, language: 'de' })]);
    const deAgain = await api<Article>(p, 'GET', `/api/v1/articles/${de.body.id}`, t.tokens.viewer);
    expect(deAgain.body.translations).toEqual([expect.objectContaining({ id: en.body.id, language: 'en' })]);

    // A second English version of the same group would make "the" translation ambiguous.
    const second = await api<{ error: { code: string } }>(p, 'POST', '/api/v1/articles', t.tokens.agent, { language: 'en', title: 'Delivery', bodyMd: 'x', translationOf: de.body.id });
    expect(second.status).toBe(409);
    const sameLanguage = await api<{ error: { code: string } }>(p, 'POST', '/api/v1/articles', t.tokens.agent, { language: 'de', title: 'Lieferung', bodyMd: 'x', translationOf: de.body.id });
    expect(sameLanguage.status).toBe(400);

    const related = await api<Article>(p, 'PATCH', `/api/v1/articles/${de.body.id}`, t.tokens.agent, { relatedIds: [en.body.id] });
    expect(related.body.relatedIds).toEqual([en.body.id]);
    const unlinked = await api<Article>(p, 'PATCH', `/api/v1/articles/${en.body.id}`, t.tokens.agent, { translationOf: null });
    expect(unlinked.body.translations).toEqual([]);
  });

  it('rejects bad input without storing anything, and keeps viewers and other workspaces out', async () => {
    const before = await api<{ items: unknown[] }>(p, 'GET', '/api/v1/articles', t.token);
    const bad = [
      { language: 'fr', title: 'Bonjour', bodyMd: 'x' },
      { language: 'de', title: '', bodyMd: 'x' },
      { language: 'de', title: 'x', bodyMd: 'x', status: 'published' },
      { language: 'de', title: 'x', bodyMd: 'x', authorId: '00000000-0000-4000-8000-000000000000' },
      { language: 'de', title: 'x', bodyMd: 'x', categoryId: '00000000-0000-4000-8000-000000000000' },
      { language: 'de', title: 'x', bodyMd: 'x', relatedIds: ['00000000-0000-4000-8000-000000000000'] },
    ];
    for (const body of bad) {
      const res = await api<{ error: { code: string } }>(p, 'POST', '/api/v1/articles', t.tokens.agent, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('invalid');
    }
    expect((await api<{ items: unknown[] }>(p, 'GET', '/api/v1/articles', t.token)).body.items).toHaveLength(before.body.items.length);

    expect((await api(p, 'POST', '/api/v1/articles', t.tokens.viewer, { language: 'de', title: 'x', bodyMd: 'x' })).status).toBe(403);
    expect((await api(p, 'POST', '/api/v1/kb-categories', t.tokens.agent, { slug: 'x', nameDe: 'x', nameEn: 'x' })).status).toBe(403);

    const mine = await api<Article>(p, 'POST', '/api/v1/articles', t.tokens.agent, { language: 'en', title: 'Secret draft', bodyMd: 'internal' });
    expect((await api(p, 'GET', `/api/v1/articles/${mine.body.id}`, other.token)).status).toBe(404);
    expect((await api(p, 'PATCH', `/api/v1/articles/${mine.body.id}`, other.token, { title: 'stolen' })).status).toBe(404);
    expect((await api(p, 'POST', '/api/v1/articles', other.tokens.agent, { language: 'de', title: 'x', bodyMd: 'x', translationOf: mine.body.id })).status).toBe(400);
    expect((await api<{ items: unknown[] }>(p, 'GET', '/api/v1/articles?q=Secret', other.token)).body.items).toHaveLength(0);
  });

  it('themes the help center only with strict colours, https logos and host names', async () => {
    for (const body of [
      { logoUrl: null, primaryColor: 'red;background:url(x)', customHost: null },
      { logoUrl: 'javascript:alert(1)', primaryColor: null, customHost: null },
      { logoUrl: 'http://cdn.example/logo.png', primaryColor: null, customHost: null },
      { logoUrl: null, primaryColor: null, customHost: 'help.example/evil' },
    ]) {
      expect((await api(p, 'PUT', '/api/v1/workspace/help-center', t.token, body)).status, JSON.stringify(body)).toBe(400);
    }
    const ok = await api(p, 'PUT', '/api/v1/workspace/help-center', t.token, { logoUrl: 'https://cdn.example/logo.png', primaryColor: '#AA3366', customHost: 'Hilfe.Example.DE' });
    expect(ok.body).toEqual({ logoUrl: 'https://cdn.example/logo.png', primaryColor: '#aa3366', customHost: 'hilfe.example.de' });
    const taken = await api(p, 'PUT', '/api/v1/workspace/help-center', other.token, { logoUrl: null, primaryColor: null, customHost: 'hilfe.example.de' });
    expect(taken.status).toBe(409);
    expect((await api(p, 'PUT', '/api/v1/workspace/help-center', t.tokens.agent, { logoUrl: null, primaryColor: null, customHost: null })).status).toBe(403);
  });

  it('turns a resolved conversation into a draft FAQ without the customer\'s e-mail address, phone number or name', async () => {
    const channel = await api<{ id: string }>(p, 'POST', '/api/v1/channels', t.token, { type: 'api', name: 'Shop' });
    const inbound = await api<{ conversationId: string }>(p, 'POST', `/api/v1/channels/${channel.body.id}/inbound`, t.token, {
      externalId: 'faq-1',
      from: { id: 'c-1', name: 'Petra Sommerfeld' },
      text: 'Hallo, ich bin Petra Sommerfeld. Wie lange dauert die Erstattung nach einer Rücksendung? Erreichbar unter petra.sommerfeld@example.de oder 0171 2345678.',
    });
    const conversationId = inbound.body.conversationId;
    await api(p, 'POST', `/api/v1/conversations/${conversationId}/messages`, t.tokens.agent, { text: 'Intern: Kundin ist Stammkundin.', type: 'note' });
    await api(p, 'POST', `/api/v1/conversations/${conversationId}/messages`, t.tokens.agent, { text: 'Hallo Frau Sommerfeld, die Erstattung kommt innerhalb von 5 Werktagen nach Eingang der Ware auf Ihr Konto.' });

    const early = await api<{ error: { code: string } }>(p, 'POST', `/api/v1/conversations/${conversationId}/article-draft`, t.tokens.agent);
    expect(early.status).toBe(409);
    await api(p, 'PATCH', `/api/v1/conversations/${conversationId}`, t.tokens.agent, { status: 'resolved' });
    expect((await api(p, 'POST', `/api/v1/conversations/${conversationId}/article-draft`, t.tokens.viewer)).status).toBe(403);

    const draft = await api<Article>(p, 'POST', `/api/v1/conversations/${conversationId}/article-draft`, t.tokens.agent);
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ status: 'draft', language: 'de', sourceConversationId: conversationId });
    const text = `${draft.body.title}\n${draft.body.bodyMd}`;
    expect(text).toContain('Wie lange dauert die Erstattung nach einer Rücksendung?');
    expect(text).toContain('innerhalb von 5 Werktagen');
    for (const secret of ['petra.sommerfeld@example.de', '0171 2345678', 'Sommerfeld', 'Petra', 'Stammkundin']) expect(text).not.toContain(secret);
    expect(text).toContain('[email]');
    expect(text).toContain('[phone]');

    // Asking again opens the same draft instead of a second one.
    const again = await api<Article>(p, 'POST', `/api/v1/conversations/${conversationId}/article-draft`, t.tokens.agent);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(draft.body.id);
    const link = await p.db.selectFrom('articleConversations').select(['articleId', 'via']).where('conversationId', '=', conversationId).execute();
    expect(link).toEqual([{ articleId: draft.body.id, via: 'draft' }]);
    expect((await api(p, 'POST', `/api/v1/conversations/${conversationId}/article-draft`, other.tokens.agent)).status).toBe(404);
  });

  it('keeps uploaded images that an article shows when unsent uploads are pruned', async () => {
    const [kept, dropped] = await storeAttachments(p.db, t.workspaceId, [
      { filename: 'bild.png', contentType: 'image/png', content: Buffer.from('png') },
      { filename: 'alt.png', contentType: 'image/png', content: Buffer.from('png') },
    ]);
    await api(p, 'POST', '/api/v1/articles', t.tokens.agent, { language: 'de', title: 'Mit Bild', bodyMd: `![Bild](/api/v1/attachments/${kept!.id})` });
    await p.db.updateTable('attachments').set({ createdAt: new Date(Date.now() - 2 * 86_400_000) }).where('id', 'in', [kept!.id, dropped!.id]).execute();
    await pruneUnlinkedAttachments(p.db);
    const left = await p.db.selectFrom('attachments').select('id').where('id', 'in', [kept!.id, dropped!.id]).execute();
    expect(left.map((a) => a.id)).toEqual([kept!.id]);
  });
});

