import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertArticle } from '../support/articles.js';
import { backends } from '../support/backends.js';
import { api, createTenant, startTestParley, type Tenant, type TestParley } from '../support/parley.js';

const backend = backends()[0];

interface Gap {
  suggestedTitle: string;
  count: number;
  examples: { conversationId: string; snippet: string }[];
}

describe('knowledge gaps and unclear articles', () => {
  let p: TestParley;
  let t: Tenant;
  let channelId: string;
  let n = 0;
  const ask = async (text: string, sender = `c-${randomUUID()}`) =>
    (await api<{ conversationId: string }>(p, 'POST', `/api/v1/channels/${channelId}/inbound`, t.token, { externalId: `g-${++n}`, from: { id: sender }, text })).body.conversationId;

  beforeAll(async () => {
    if (!backend) throw new Error('no backend');
    p = await startTestParley(backend);
    t = await createTenant(p);
    channelId = (await api<{ id: string }>(p, 'POST', '/api/v1/channels', t.token, { type: 'api', name: 'Shop' })).body.id;
    await insertArticle(p, t.workspaceId, { title: 'Artikel zurücksenden', bodyMd: 'Rücksendeetikett im Kundenkonto drucken.\n\n## Beispielfragen\n- Wie schicke ich etwas zurück?' });
  });
  afterAll(async () => p.drop());

  it('groups unanswered customer questions by wording, the largest group first, with examples and a title', async () => {
    const power = [
      await ask('Funktioniert die Waschmaschine auch mit Starkstrom?'),
      await ask('Braucht die Waschmaschine Starkstrom?'),
      await ask('Waschmaschine an Starkstrom anschließen, geht das?'),
    ];
    const wrap = [await ask('Bietet ihr Geschenkverpackung an?'), await ask('Gibt es eine Geschenkverpackung für meine Bestellung?')];
    const answered = await ask('Wie schicke ich etwas zurück?');
    await ask('Ihr seid die Besten, vielen herzlichen Dank für den tollen Service!');

    const res = await api<{ items: Gap[] }>(p, 'GET', '/api/v1/kb/gaps?weeks=2', t.tokens.viewer);
    expect(res.status).toBe(200);
    const [first, second] = res.body.items;
    expect(first?.count).toBe(3);
    expect(first?.examples.map((e) => e.conversationId).sort()).toEqual([...power].sort());
    expect(first?.suggestedTitle).toMatch(/Starkstrom/);
    expect(second?.count).toBe(2);
    expect(second?.examples.map((e) => e.conversationId).sort()).toEqual([...wrap].sort());
    const all = res.body.items.flatMap((g) => g.examples.map((e) => e.conversationId));
    expect(all).not.toContain(answered);
    expect(res.body.items.some((g) => /Besten/.test(g.suggestedTitle))).toBe(false);
    expect((await api(p, 'GET', '/api/v1/kb/gaps?weeks=0', t.token)).status).toBe(400);
  });

  it('lists articles whose conversations keep reopening, with rate and count', async () => {
    const article = await insertArticle(p, t.workspaceId, { title: 'Garantie', bodyMd: 'Zwei Jahre Gewährleistung.' });
    const steady = await insertArticle(p, t.workspaceId, { title: 'Versand', bodyMd: 'Versand in zwei Tagen.' });
    const sender = `warranty-${randomUUID()}`;
    const conversations = [await ask('Wie lange habe ich Garantie?', sender), await ask('Garantie auf den Toaster?'), await ask('Gilt die Garantie noch?')];
    for (const [i, id] of conversations.entries()) {
      await api(p, 'POST', `/api/v1/conversations/${id}/messages`, t.tokens.agent, { text: 'Zwei Jahre.', articleIds: [article.id, ...(i === 0 ? [steady.id] : [])] });
      await api(p, 'PATCH', `/api/v1/conversations/${id}`, t.tokens.agent, { status: 'resolved' });
    }
    await ask('Das stimmt aber nicht, der Händler sagt etwas anderes', sender);
    const res = await api<{ items: { id: string; conversations: number; reopened: number; reopenRate: number }[] }>(p, 'GET', '/api/v1/kb/unclear?minConversations=1', t.tokens.viewer);
    // The reopened conversation used both articles: the one used only there has the higher rate.
    expect(res.body.items).toEqual([
      expect.objectContaining({ id: steady.id, conversations: 1, reopened: 1, reopenRate: 1 }),
      expect.objectContaining({ id: article.id, conversations: 3, reopened: 1, reopenRate: 0.333 }),
    ]);
    const strict = await api<{ items: { id: string }[] }>(p, 'GET', '/api/v1/kb/unclear?minConversations=2', t.token);
    expect(strict.body.items.map((a) => a.id)).toEqual([article.id]);
    const other = await createTenant(p);
    expect((await api<{ items: unknown[] }>(p, 'GET', '/api/v1/kb/unclear?minConversations=1', other.token)).body.items).toEqual([]);
  });
});
