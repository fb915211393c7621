import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTrustpilotFake, type TrustpilotFake } from '../../src/channels/trustpilot/fake.js';
import { backends } from '../support/backends.js';
import { api, createTenant, openStream, startTestParley, type Tenant, type TestParley } from '../support/parley.js';
import { type AsUser, loginAs } from '../support/sessions.js';

const backend = backends()[0];
const BU = '5f2b8c9e1a2b3c4d5e6f7a8b';
const KEY = 'tp-api-key-123456';
const TOKEN = 'tp-access-token-abcdef';
const PASSWORD = 'correct horse battery';

interface Review {
  conversationId: string;
  portal: string;
  rating: number;
  text: string;
  author: string | null;
  language: string | null;
  sentiment: string | null;
  category: string | null;
  product: string | null;
  ownerDepartment: string | null;
  approvalDepartment: string | null;
  responseStatus: string;
  timeToRespondSeconds: number | null;
  responseDueAt: string;
  overdue: boolean;
}
interface Draft { status: string; text: string; rejectionReason: string | null; approvalDepartment: string | null }
interface Detail extends Review { draft: Draft | null; history: { type: string; actorName: string | null; data: Record<string, unknown> }[]; you: { canDecide: boolean; canPublish: boolean; departments: string[] } }
interface Problem { error: { code: string; message: string; details: { reason?: string; spans?: { kind: string; text: string }[] } } }

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

describe('review inbox: ownership, approvals, templates, report', () => {
  let p: TestParley;
  let t: Tenant;
  let tp: TrustpilotFake;
  let jonas: AsUser; // service
  let mara: AsUser; // marketing
  const ids: Record<string, string> = {};

  const list = async (query = '') => (await api<{ items: Review[]; nextCursor: string | null }>(p, 'GET', `/api/v1/reviews${query}`, t.tokens.viewer)).body;
  const idsOf = (items: Review[]) => items.map((i) => i.conversationId).sort();

  beforeAll(async () => {
    if (!backend) throw new Error('no backend');
    p = await startTestParley(backend);
    t = await createTenant(p);
    tp = await startTrustpilotFake(BU, KEY, TOKEN);
    tp.reviews.push(
      { id: 'r-angry', stars: 1, title: 'Nie wieder', text: 'Bestellung 4711-2231 kam nie an. Ruft mich an: 0171 2345678. Eine Frechheit, sehr enttäuscht!', language: 'de', createdAt: hoursAgo(2), consumer: { id: 'c1', displayName: 'Jana Berg' } },
      { id: 'r-praise', stars: 5, title: 'Wunderschön', text: 'Die Nordlicht Lampe ist wunderschön, toller Service!', language: 'de', createdAt: hoursAgo(3), consumer: { id: 'c2', displayName: 'Tom Weber' } },
      { id: 'r-old', stars: 3, title: 'Okay', text: 'Okay product, but the delivery was slow.', language: 'en', createdAt: '2026-01-05T10:00:00.000Z', consumer: { id: 'c3', displayName: 'Sam Lee' } },
      { id: 'r-two', stars: 2, title: 'Mäßig', text: 'Verpackung kaputt, Bestellnummer 55512345.', language: 'de', createdAt: hoursAgo(4), consumer: { id: 'c4', displayName: 'Anonymous' } },
    );
    await api(p, 'PUT', '/api/v1/workspace/brand-profile', t.token, { names: ['Nordlicht'], products: ['Nordlicht Lampe'], terms: [] });
    const channel = await api<{ id: string }>(p, 'POST', '/api/v1/channels', t.token, { type: 'trustpilot', name: 'Trustpilot', settings: { businessUnitId: BU, apiBaseUrl: tp.url, apiKey: KEY, accessToken: TOKEN } });
    ids.channel = channel.body.id;
    await api(p, 'POST', `/api/v1/channels/${ids.channel}/poll`, t.token);
    const users: Record<string, string> = {};
    for (const [name, email] of [['Jonas Weber', `jonas@${t.slug}.example`], ['Mara Schulz', `mara@${t.slug}.example`]] as const) {
      users[name] = (await api<{ id: string }>(p, 'POST', '/api/v1/users', t.token, { email, name, role: 'agent', password: PASSWORD })).body.id;
    }
    await api(p, 'POST', '/api/v1/teams', t.token, { name: 'Service', kind: 'service', memberIds: [users['Jonas Weber']] });
    await api(p, 'POST', '/api/v1/teams', t.token, { name: 'Marketing', kind: 'Marketing', memberIds: [users['Mara Schulz']] });
    jonas = await loginAs(p, `jonas@${t.slug}.example`, PASSWORD);
    mara = await loginAs(p, `mara@${t.slug}.example`, PASSWORD);
    const rules = await api<{ items: unknown[] }>(p, 'PUT', '/api/v1/review-ownership-rules', t.token, {
      rules: [
        { maxRating: 2, department: 'Service', approvalDepartment: 'marketing' },
        { minRating: 4, product: 'Nordlicht Lampe', department: 'marketing' },
        { department: 'service' },
      ],
    });
    expect(rules.status).toBe(200);
    for (const r of (await list()).items) ids[r.text.includes('Frechheit') ? 'angry' : r.text.includes('Lampe') ? 'praise' : r.text.includes('Okay') ? 'old' : 'two'] = r.conversationId;
  });
  afterAll(async () => {
    await tp.close();
    await p.drop();
  });

  it('lists every review with rating, language, product, owner and response due time, newest first, page by page', async () => {
    const all = await list();
    expect(all.items.map((i) => i.conversationId)).toEqual([ids.angry, ids.praise, ids.two, ids.old]);
    expect(all.items[0]).toMatchObject({ portal: 'Trustpilot', rating: 1, author: 'Jana Berg', language: 'de', ownerDepartment: 'service', approvalDepartment: 'marketing', responseStatus: 'unanswered', timeToRespondSeconds: null, overdue: false });
    expect(all.items[1]).toMatchObject({ product: 'Nordlicht Lampe', ownerDepartment: 'marketing', approvalDepartment: null });
    expect(all.items[3]).toMatchObject({ language: 'en', ownerDepartment: 'service', overdue: true });
    // One star: answered within 24 h of posting by default.
    expect(Date.parse(all.items[0]!.responseDueAt) - Date.parse(hoursAgo(2))).toBeGreaterThan(21.9 * 3_600_000);
    const first = await list('?limit=3');
    expect(first.items).toHaveLength(3);
    const second = await list(`?limit=3&cursor=${first.nextCursor}`);
    expect([...first.items, ...second.items].map((i) => i.conversationId)).toEqual(all.items.map((i) => i.conversationId));
    expect(second.nextCursor).toBeNull();
  });

  it('filters by rating, language, product, owner department, overdue and sentiment', async () => {
    expect(idsOf((await list('?maxRating=2')).items)).toEqual([ids.angry, ids.two].sort());
    expect(idsOf((await list('?minRating=3&maxRating=3')).items)).toEqual([ids.old]);
    expect(idsOf((await list('?language=en')).items)).toEqual([ids.old]);
    expect(idsOf((await list('?product=nordlicht%20lampe')).items)).toEqual([ids.praise]);
    expect(idsOf((await list('?ownerDepartment=Marketing')).items)).toEqual([ids.praise]);
    expect(idsOf((await list('?overdue=true')).items)).toEqual([ids.old]);
    expect(idsOf((await list(`?channelId=${ids.channel}&portal=trustpilot`)).items)).toHaveLength(4);
    const negative = (await list('?sentiment=negative')).items;
    expect(negative.every((r) => r.sentiment === 'negative')).toBe(true);
    expect(idsOf(negative)).toContain(ids.angry);
    expect((await api(p, 'GET', '/api/v1/reviews?minRating=6', t.token)).status).toBe(400);
    expect((await api(p, 'GET', '/api/v1/reviews?cursor=bm9wZQ', t.token)).status).toBe(400);
  });

  it('needs approval by another department: publishing is refused until marketing approves, then goes to Trustpilot', async () => {
    const draftText = 'Liebe Jana, das tut uns sehr leid. Wir melden uns direkt bei Ihnen und kümmern uns darum.';
    const drafted = await jonas<Draft>('POST', `/api/v1/reviews/${ids.angry}/drafts`, { text: draftText });
    expect(drafted.status).toBe(201);
    expect(drafted.body).toMatchObject({ status: 'awaiting_approval', approvalDepartment: 'marketing' });

    const early = await jonas<Problem>('POST', `/api/v1/reviews/${ids.angry}/publish`);
    expect(early.status).toBe(409);
    expect(early.body.error.details.reason).toBe('approval_required');
    // The conversation's ordinary reply path cannot go around the approval either.
    const around = await api<Problem>(p, 'POST', `/api/v1/conversations/${ids.angry}/messages`, t.tokens.agent, { text: draftText, type: 'reply' });
    expect(around.status).toBe(409);
    expect(around.body.error.details.reason).toBe('approval_required');
    // Only a member of marketing decides: not the service author, not an API token.
    expect((await jonas<Problem>('POST', `/api/v1/reviews/${ids.angry}/approve`)).body.error.details.reason).toBe('not_in_department');
    expect((await api(p, 'POST', `/api/v1/reviews/${ids.angry}/approve`, t.tokens.admin)).status).toBe(403);
    expect((await jonas<Detail>('GET', `/api/v1/reviews/${ids.angry}`)).body.you).toMatchObject({ canDecide: false, canPublish: false, departments: ['service'] });
    expect((await mara<Detail>('GET', `/api/v1/reviews/${ids.angry}`)).body.you).toMatchObject({ canDecide: true, departments: ['marketing'] });
    expect(tp.replies).toHaveLength(0);

    const stream = await openStream(p, t.tokens.viewer);
    const approved = await mara<Draft>('POST', `/api/v1/reviews/${ids.angry}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');
    // Everyone's review inbox hears of it at once.
    expect((await stream.waitFor((e) => e.type === 'review.updated' && e.data.conversationId === ids.angry)).data).toMatchObject({ status: 'approved', step: 'review.approved' });
    stream.close();
    const published = await jonas<{ message: { id: string; visibility: string } }>('POST', `/api/v1/reviews/${ids.angry}/publish`);
    expect(published.status).toBe(200);
    expect(published.body.message.visibility).toBe('public');
    for (let i = 0; i < 100 && tp.replies.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(tp.replies).toHaveLength(1);
    expect(tp.replies[0]).toMatchObject({ path: '/v1/private/reviews/r-angry/reply', json: { message: draftText } });

    const detail = (await api<Detail>(p, 'GET', `/api/v1/reviews/${ids.angry}`, t.tokens.viewer)).body;
    expect(detail.history.map((h) => [h.type, h.actorName])).toEqual([
      ['review.drafted', 'Jonas Weber'],
      ['review.approved', 'Mara Schulz'],
      ['review.published', 'Jonas Weber'],
    ]);
    expect(detail).toMatchObject({ responseStatus: 'published', draft: { status: 'published' } });
    const audited = await p.db.selectFrom('auditLog').select('metadata').where('workspaceId', '=', t.workspaceId).where('action', '=', 'conversation.viewed').where('targetId', '=', ids.angry!).execute();
    expect(audited.map((a) => a.metadata)).toContainEqual({ via: 'reviews' });
    expect(detail.timeToRespondSeconds).toBeGreaterThan(7000);
    expect(idsOf((await list('?responded=true')).items)).toEqual([ids.angry]);
    expect((await jonas<Problem>('POST', `/api/v1/reviews/${ids.angry}/drafts`, { text: 'Noch etwas' })).body.error.details.reason).toBe('already_published');
  });

  it('lets the approving department reject a draft with a reason; a new draft waits for approval again', async () => {
    expect((await jonas<Draft>('POST', `/api/v1/reviews/${ids.two}/drafts`, { text: 'Schade, dass die Verpackung kaputt war!' })).status).toBe(201);
    expect((await mara<Problem>('POST', `/api/v1/reviews/${ids.two}/reject`, { reason: '' })).status).toBe(400);
    const rejected = await mara<Draft>('POST', `/api/v1/reviews/${ids.two}/reject`, { reason: 'Bitte eine Lösung anbieten.' });
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectionReason: 'Bitte eine Lösung anbieten.' });
    expect((await jonas<Problem>('POST', `/api/v1/reviews/${ids.two}/publish`)).body.error.details.reason).toBe('approval_required');
    expect((await mara<Problem>('POST', `/api/v1/reviews/${ids.two}/approve`)).body.error.details.reason).toBe('not_awaiting_approval');
    const again = await jonas<Draft>('POST', `/api/v1/reviews/${ids.two}/drafts`, { text: 'Das tut uns leid! Wir schicken Ersatz.' });
    expect(again.body).toMatchObject({ status: 'awaiting_approval', rejectionReason: null });
    const detail = (await api<Detail>(p, 'GET', `/api/v1/reviews/${ids.two}`, t.token)).body;
    expect(detail.responseStatus).toBe('awaiting_approval');
    expect(detail.history.map((h) => h.type)).toEqual(['review.drafted', 'review.rejected', 'review.drafted']);
    expect(detail.history[1]?.data).toMatchObject({ reason: 'Bitte eine Lösung anbieten.', department: 'marketing' });
  });

  it('refuses a reply that repeats the reviewer\'s personal data, with the spans, and stores nothing', async () => {
    const leak = await jonas<Problem>('POST', `/api/v1/reviews/${ids.two}/drafts`, { text: 'Zu Ihrer Bestellnummer 555-12345 melden wir uns.' });
    expect(leak.status).toBe(409);
    expect(leak.body.error.details).toMatchObject({ reason: 'personal_data', spans: [{ kind: 'order_number', text: '555-12345' }] });
    expect((await api<Detail>(p, 'GET', `/api/v1/reviews/${ids.two}`, t.token)).body.draft?.text).toBe('Das tut uns leid! Wir schicken Ersatz.');
    // Other public replies may confirm personal data; a review reply may not.
    const old = await api<Problem>(p, 'POST', `/api/v1/conversations/${ids.old}/messages`, t.tokens.agent, { text: 'Call us on +49 30 1234567', type: 'reply', confirmPersonalData: true });
    expect(old.status).toBe(409);
    expect(old.body.error.details.spans?.map((s) => s.kind)).toEqual(['phone']);
    expect(tp.replies).toHaveLength(1);
  });

  it('suggests the best reply template in the review\'s language, filled in; bad templates are refused', async () => {
    const de = { name: 'Lob (de)', language: 'de', minRating: 4, maxRating: 5, body: 'Hallo {{reviewer.firstName}}, wie schön, dass Ihnen {{product}} gefällt! 🌟 Danke für Ihre Worte auf {{portal}}. {{agent.name}}' };
    expect((await api(p, 'POST', '/api/v1/review-templates', t.tokens.agent, de)).status).toBe(201);
    expect((await api(p, 'POST', '/api/v1/review-templates', t.tokens.agent, { ...de, name: 'Praise (en)', language: 'en', body: 'Thank you {{reviewer.firstName}}! 😊' })).status).toBe(201);
    expect((await api(p, 'POST', '/api/v1/review-templates', t.tokens.agent, { ...de, name: 'Kritik', minRating: 1, maxRating: 2, body: 'Hallo {{reviewer.firstName}}, das tut uns leid.' })).status).toBe(201);
    expect((await api(p, 'POST', '/api/v1/review-templates', t.tokens.agent, { ...de, name: 'Bad', body: 'Hi {{reviewer.email}}' })).status).toBe(400);
    expect((await api(p, 'POST', '/api/v1/review-templates', t.tokens.agent, { ...de, name: 'Backwards', minRating: 5, maxRating: 4 })).status).toBe(400);
    expect((await api(p, 'POST', '/api/v1/review-templates', t.tokens.agent, de)).status).toBe(409);

    const praise = await mara<{ text: string; template: { name: string } }>('GET', `/api/v1/reviews/${ids.praise}/reply-suggestion`);
    expect(praise.body).toMatchObject({ template: { name: 'Lob (de)' }, text: 'Hallo Tom, wie schön, dass Ihnen Nordlicht Lampe gefällt! 🌟 Danke für Ihre Worte auf Trustpilot. Mara Schulz' });
    const anonymous = await api<{ text: string }>(p, 'GET', `/api/v1/reviews/${ids.two}/reply-suggestion`, t.tokens.agent);
    expect(anonymous.body.text).toBe('Hallo, das tut uns leid.');
    expect((await api<{ text: string | null }>(p, 'GET', `/api/v1/reviews/${ids.old}/reply-suggestion`, t.tokens.agent)).body).toEqual({ template: null, text: null });
    // The agent may pick another template; it is filled the same way.
    const english = (await api<{ items: { id: string; name: string }[] }>(p, 'GET', '/api/v1/review-templates', t.tokens.viewer)).body.items.find((i) => i.name === 'Praise (en)')!;
    expect((await api<{ text: string }>(p, 'GET', `/api/v1/reviews/${ids.praise}/reply-suggestion?templateId=${english.id}`, t.tokens.agent)).body.text).toBe('Thank you Tom! 😊');
    expect((await api(p, 'GET', `/api/v1/reviews/${ids.praise}/reply-suggestion?templateId=${ids.channel}`, t.tokens.agent)).status).toBe(404);

    // Praise needs no approval: the marketing owner publishes straight away.
    expect((await mara<Draft>('POST', `/api/v1/reviews/${ids.praise}/drafts`, { text: praise.body.text })).body.status).toBe('draft');
    expect((await mara('POST', `/api/v1/reviews/${ids.praise}/publish`)).status).toBe(200);
  });

  it('keeps viewers and agents out of what they may not change', async () => {
    expect((await api(p, 'POST', `/api/v1/reviews/${ids.old}/drafts`, t.tokens.viewer, { text: 'Hallo' })).status).toBe(403);
    expect((await api(p, 'POST', `/api/v1/reviews/${ids.old}/publish`, t.tokens.viewer)).status).toBe(403);
    expect((await api(p, 'POST', '/api/v1/review-templates', t.tokens.viewer, { name: 'x', language: 'de', minRating: 1, maxRating: 5, body: 'x' })).status).toBe(403);
    expect((await api(p, 'PUT', '/api/v1/review-ownership-rules', t.tokens.agent, { rules: [] })).status).toBe(403);
    expect((await api(p, 'PUT', '/api/v1/workspace/review-response-targets', t.tokens.agent, { hoursByRating: [1, 1, 1, 1, 1] })).status).toBe(403);
    expect((await api(p, 'PUT', '/api/v1/review-ownership-rules', t.token, { rules: [{ department: 'service', minRating: 4, maxRating: 2 }] })).status).toBe(400);
    expect((await api<{ items: unknown[] }>(p, 'GET', '/api/v1/review-ownership-rules', t.tokens.viewer)).body.items).toHaveLength(3);
  });

  it('seals reviews off from other workspaces', async () => {
    const other = await createTenant(p);
    expect((await api<{ items: Review[] }>(p, 'GET', '/api/v1/reviews', other.token)).body.items).toEqual([]);
    expect((await api(p, 'GET', `/api/v1/reviews/${ids.old}`, other.token)).status).toBe(404);
    expect((await api(p, 'POST', `/api/v1/reviews/${ids.old}/drafts`, other.token, { text: 'Hallo' })).status).toBe(404);
    expect((await api(p, 'GET', `/api/v1/reviews/${ids.channel}`, t.token)).status).toBe(404);
  });

  it('makes response targets configurable, and overdue follows them', async () => {
    expect((await api(p, 'PUT', '/api/v1/workspace/review-response-targets', t.token, { hoursByRating: [24, 24, 48, 72] })).status).toBe(400);
    expect((await api(p, 'PUT', '/api/v1/workspace/review-response-targets', t.token, { hoursByRating: [1, 1, 48, 72, 72] })).status).toBe(200);
    // The two-star review has waited four hours against a target of one.
    expect(idsOf((await list('?overdue=true')).items)).toEqual([ids.two, ids.old].sort());
  });

  it('reports rating trend and response figures per portal', async () => {
    const from = '2026-01-01T00:00:00Z';
    const to = new Date(Date.now() + 86_400_000).toISOString();
    const report = await api<{ portals: { portal: string; count: number; averageRating: number; responseRate: number; medianTimeToRespondSeconds: number; buckets: { start: string; count: number; averageRating: number }[] }[] }>(p, 'GET', `/api/v1/reports/reviews?from=${from}&to=${to}&bucket=week`, t.tokens.viewer);
    expect(report.status).toBe(200);
    expect(report.body.portals).toHaveLength(1);
    const tpFigures = report.body.portals[0]!;
    expect(tpFigures).toMatchObject({ portal: 'Trustpilot', count: 4, averageRating: 2.75, responseRate: 0.5 });
    expect(tpFigures.medianTimeToRespondSeconds).toBeGreaterThan(7000);
    expect(tpFigures.buckets.map((b) => b.count).reduce((a, b) => a + b, 0)).toBe(4);
    expect(tpFigures.buckets[0]).toMatchObject({ count: 1, averageRating: 3 });
    expect((await api(p, 'GET', `/api/v1/reports/reviews?from=${to}&to=${from}`, t.token)).status).toBe(400);
  });

  it('routes by topic and brand, the first matching rule deciding', async () => {
    const brand = await p.db.insertInto('brands').values({ workspaceId: t.workspaceId, name: 'Nordlicht' }).returning('id').executeTakeFirstOrThrow();
    expect((await api(p, 'PATCH', `/api/v1/channels/${ids.channel}`, t.token, { brandId: brand.id })).status).toBe(200);
    const topic = (await list()).items.find((r) => r.conversationId === ids.old)!.category;
    expect(topic).not.toBeNull();
    const rules = await api(p, 'PUT', '/api/v1/review-ownership-rules', t.token, {
      rules: [
        { category: topic, department: 'sales' },
        { brandId: brand.id, department: 'marketing', approvalDepartment: 'service' },
        { department: 'service' },
      ],
    });
    expect(rules.status).toBe(200);
    const items = (await list()).items;
    expect(items.find((r) => r.conversationId === ids.old)).toMatchObject({ ownerDepartment: 'sales', approvalDepartment: null });
    for (const r of items.filter((i) => i.category !== topic)) expect(r).toMatchObject({ brand: 'Nordlicht', ownerDepartment: 'marketing', approvalDepartment: 'service' });
    expect(idsOf((await list('?ownerDepartment=sales')).items)).toEqual(items.filter((i) => i.category === topic).map((i) => i.conversationId).sort());
    expect(idsOf((await list(`?brandId=${brand.id}`)).items)).toHaveLength(4);
    // A brand of another workspace is not one this matrix may name; the matrix stays as it was.
    const other = await createTenant(p);
    const foreign = await p.db.insertInto('brands').values({ workspaceId: other.workspaceId, name: 'Fremd' }).returning('id').executeTakeFirstOrThrow();
    expect((await api(p, 'PUT', '/api/v1/review-ownership-rules', t.token, { rules: [{ brandId: foreign.id, department: 'sales' }] })).status).toBe(404);
    expect((await api<{ items: unknown[] }>(p, 'GET', '/api/v1/review-ownership-rules', t.token)).body.items).toHaveLength(3);
  });

  it('keeps automation rules from answering a review around its approval', async () => {
    expect((await api(p, 'PUT', '/api/v1/review-ownership-rules', t.token, { rules: [{ department: 'service', approvalDepartment: 'marketing' }] })).status).toBe(200);
    const template = await api<{ id: string }>(p, 'POST', '/api/v1/canned-responses', t.token, { title: 'Sofortantwort', body: 'Danke für Ihre Bewertung!' });
    const rule = await api<{ id: string }>(p, 'POST', '/api/v1/rules', t.token, { name: 'Sofort antworten', on: ['message.received'], when: { all: [] }, actions: [{ type: 'autoReply', templateId: template.body.id }] });
    expect(rule.status).toBe(201);
    tp.reviews.push({ id: 'r-rule', stars: 1, title: 'Enttäuscht', text: 'Sehr enttäuscht, die Lampe kam kaputt an.', language: 'de', createdAt: hoursAgo(1), consumer: { id: 'c5', displayName: 'Eva Roth' } });
    await api(p, 'POST', `/api/v1/channels/${ids.channel}/poll`, t.token);
    const review = (await list()).items.find((r) => r.text.includes('kam kaputt an'));
    expect(review?.approvalDepartment).toBe('marketing');
    const conversationId = review?.conversationId ?? '';
    expect(await p.db.selectFrom('messages').select('id').where('conversationId', '=', conversationId).where('direction', '=', 'outbound').execute()).toHaveLength(0);
    const skipped = await p.db.selectFrom('conversationEvents').select('data').where('conversationId', '=', conversationId).where('type', '=', 'rule.skipped').execute();
    expect(skipped).toHaveLength(1);
    expect((await api(p, 'DELETE', `/api/v1/rules/${rule.body.id}`, t.token)).status).toBe(204);
  });
});
