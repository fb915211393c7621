import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GoogleReviewsFake, startGoogleReviewsFake } from '../../src/channels/google-reviews/fake.js';
import { startTrustpilotFake, type TrustpilotFake } from '../../src/channels/trustpilot/fake.js';
import { backends } from '../support/backends.js';
import { api, createTenant, openStream, startTestParley, type Tenant, type TestParley } from '../support/parley.js';

const backend = backends()[0];
const BU = '5f2b8c9e1a2b3c4d5e6f7a8b';
const TP_KEY = 'tp-api-key-123456';
const TP_TOKEN = 'tp-access-token-abcdef';
const G_TOKEN = 'ya29.google-access-token';

type Msg = { id: string; externalId: string | null; text: string; rating: number | null; language: string | null; visibility: string; direction: string };
type Conv = { id: string; subject: string | null; visibility: string; messages: Msg[]; contact: { name: string } };

describe('review portal channels', () => {
  let p: TestParley;
  let t: Tenant;
  let tp: TrustpilotFake;
  let google: GoogleReviewsFake;

  async function conversationWith(channelId: string, externalId: string): Promise<Conv | null> {
    const list = await api<{ items: { id: string; channelId: string }[] }>(p, 'GET', '/api/v1/conversations?limit=200', t.token);
    for (const c of list.body.items.filter((i) => i.channelId === channelId)) {
      const conv = await api<Conv>(p, 'GET', `/api/v1/conversations/${c.id}`, t.token);
      if (conv.body.messages.some((m) => m.externalId === externalId)) return conv.body;
    }
    return null;
  }
  const inboundCount = async (channelId: string) =>
    Number((await p.db.selectFrom('messages').select((eb) => eb.fn.countAll<string>().as('n')).where('channelId', '=', channelId).where('direction', '=', 'inbound').executeTakeFirstOrThrow()).n);

  async function replyAndWait(conversationId: string, text: string, status: 'sent' | 'failed') {
    const stream = await openStream(p, t.token);
    try {
      const reply = await api<{ id: string }>(p, 'POST', `/api/v1/conversations/${conversationId}/messages`, t.tokens.agent, { text, type: 'reply' });
      return (await stream.waitFor((e) => e.type === 'message.updated' && e.data.id === reply.body.id && e.data.deliveryStatus === status, 10_000)).data;
    } finally {
      stream.close();
    }
  }

  beforeAll(async () => {
    if (!backend) throw new Error('no backend');
    p = await startTestParley(backend);
    t = await createTenant(p);
    tp = await startTrustpilotFake(BU, TP_KEY, TP_TOKEN);
    google = await startGoogleReviewsFake('1234567890', '987654321', G_TOKEN);
  });
  afterAll(async () => {
    await tp.close();
    await google.close();
    await p.drop();
  });

  describe('Trustpilot', () => {
    let channelId: string;

    it('polls every page of reviews, each its own public conversation with rating and language', async () => {
      for (let i = 0; i < 120; i++) {
        tp.reviews.push({ id: `tp-${i}`, stars: (i % 5) + 1, title: `Titel ${i}`, text: i === 119 ? 'Lieferung kam nie an, Kundenservice antwortet nicht.' : `Bewertung ${i}`, language: i === 119 ? 'de' : 'en', createdAt: new Date(Date.UTC(2026, 1, 1, 0, i)).toISOString(), consumer: { id: `c-${i}`, displayName: `Kunde ${i}` } });
      }
      const res = await api<{ id: string; secretsSet: string[]; settings: Record<string, unknown> }>(p, 'POST', '/api/v1/channels', t.token, { type: 'trustpilot', name: 'Trustpilot', settings: { businessUnitId: BU, apiBaseUrl: tp.url, apiKey: TP_KEY, accessToken: TP_TOKEN } });
      expect(res.status).toBe(201);
      expect(res.body.secretsSet).toEqual(['accessToken', 'apiKey']);
      expect(res.body.settings).toEqual({ businessUnitId: BU, apiBaseUrl: tp.url, pollMinutes: 15 });
      channelId = res.body.id;
      const polled = await api<{ stored: number }>(p, 'POST', `/api/v1/channels/${channelId}/poll`, t.token);
      expect(polled.status).toBe(200);
      // The worker may have taken part of the first poll; together they store every review once.
      expect(await inboundCount(channelId)).toBe(120);
      const pages = tp.calls.filter((c) => c.path.endsWith('/reviews'));
      expect(pages.map((c) => c.query.get('page'))).toContain('2');
      expect(pages[0]?.headers.apikey).toBe(TP_KEY);
      const conv = (await conversationWith(channelId, 'tp-119'))!;
      expect(conv).toMatchObject({ subject: '★★★★★ Titel 119', visibility: 'public', contact: { name: 'Kunde 119' } });
      expect(conv.messages[0]).toMatchObject({ rating: 5, language: 'de', text: 'Titel 119\n\nLieferung kam nie an, Kundenservice antwortet nicht.', visibility: 'public' });
      expect((await conversationWith(channelId, 'tp-0'))?.id).not.toBe(conv.id);
    });

    it('asks only back to the newest review it has seen', async () => {
      tp.reviews.push({ id: 'tp-new', stars: 1, title: 'Enttäuscht', text: 'Ware defekt.', language: 'de', createdAt: new Date(Date.UTC(2026, 2, 1)).toISOString(), consumer: { id: 'c-new', displayName: 'Jana' } });
      const before = tp.calls.length;
      expect((await api(p, 'POST', `/api/v1/channels/${channelId}/poll`, t.token)).body).toEqual({ stored: 1 });
      expect(tp.calls.slice(before).filter((c) => c.path.endsWith('/reviews'))).toHaveLength(1);
      expect((await p.db.selectFrom('channelCursors').select('value').where('channelId', '=', channelId).where('key', '=', 'newestReviewAt').executeTakeFirst())?.value).toBe('2026-03-01T00:00:00.000Z');
    });

    it('posts the reply to the review, and keeps the reason when Trustpilot refuses', async () => {
      const conv = (await conversationWith(channelId, 'tp-new'))!;
      await replyAndWait(conv.id, 'Liebe Jana, das tut uns leid – wir melden uns.', 'sent');
      expect(tp.replies.at(-1)).toMatchObject({ path: '/v1/private/reviews/tp-new/reply', json: { message: 'Liebe Jana, das tut uns leid – wir melden uns.' } });
      expect(tp.replies.at(-1)?.headers.authorization).toBe(`Bearer ${TP_TOKEN}`);
      tp.failNext({ status: 403, body: { message: 'Forbidden: the token lacks the reply scope' } });
      const failed = await replyAndWait(conv.id, 'Noch ein Versuch', 'failed');
      expect(String(failed.deliveryError)).toMatch(/reply scope/);
    });
  });

  describe('Google Business Profile', () => {
    it('polls reviews with star enums, replies with PUT …/reply', async () => {
      google.reviews.push(
        { reviewId: 'g-1', reviewer: { displayName: 'Max M.' }, starRating: 'TWO', comment: 'Lange Wartezeit an der Kasse.', createTime: '2026-02-10T10:00:00Z', updateTime: '2026-02-10T10:00:00Z' },
        { reviewId: 'g-2', reviewer: { displayName: 'Anonym', isAnonymous: true }, starRating: 'FIVE', createTime: '2026-02-11T10:00:00Z', updateTime: '2026-02-11T10:00:00Z' },
      );
      const res = await api<{ id: string }>(p, 'POST', '/api/v1/channels', t.token, { type: 'google_reviews', name: 'Google', settings: { accountId: '1234567890', locationId: '987654321', apiBaseUrl: google.url, accessToken: G_TOKEN } });
      expect(res.status).toBe(201);
      await api(p, 'POST', `/api/v1/channels/${res.body.id}/poll`, t.token);
      expect(await inboundCount(res.body.id)).toBe(2);
      const max = (await conversationWith(res.body.id, 'g-1'))!;
      expect(max).toMatchObject({ subject: '★★☆☆☆', contact: { name: 'Max M.' } });
      expect(max.messages[0]).toMatchObject({ rating: 2, text: 'Lange Wartezeit an der Kasse.' });
      const anon = (await conversationWith(res.body.id, 'g-2'))!;
      expect(anon.messages[0]).toMatchObject({ rating: 5, text: '★★★★★' });
      expect(anon.contact.name).toBe('Anonymous');

      await replyAndWait(max.id, 'Danke für Ihr Feedback, Max!', 'sent');
      expect(google.replies.at(-1)).toMatchObject({ method: 'PUT', path: '/v4/accounts/1234567890/locations/987654321/reviews/g-1/reply', json: { comment: 'Danke für Ihr Feedback, Max!' } });
    });

    it('remembers a refused token as the channel\'s last error', async () => {
      const res = await api<{ id: string }>(p, 'POST', '/api/v1/channels', t.token, { type: 'google_reviews', name: 'Google 2', settings: { accountId: '1234567890', locationId: '987654321', apiBaseUrl: google.url, accessToken: 'ya29.expired-token' } });
      expect((await api(p, 'POST', `/api/v1/channels/${res.body.id}/poll`, t.token)).status).toBe(403);
      expect((await api<{ lastError: string }>(p, 'GET', `/api/v1/channels/${res.body.id}/poll`, t.token)).body.lastError).toMatch(/refused the credentials/);
    });
  });

  describe('imported reviews (Trusted Shops, Idealo)', () => {
    let channelId: string;
    const importReviews = (body: unknown, token = t.tokens.agent) => api<{ imported: number; duplicates: number; error: { code: string; message: string; details: { errors: { line: number; message: string }[] } } }>(p, 'POST', `/api/v1/channels/${channelId}/reviews/import`, token, body);

    it('stores nothing from a file with a bad row, and says which lines are bad', async () => {
      const res = await api<{ id: string }>(p, 'POST', '/api/v1/channels', t.token, { type: 'review_import', name: 'Trusted Shops', settings: { portal: 'Trusted Shops' } });
      channelId = res.body.id;
      const bad = await importReviews({ format: 'csv', content: 'id;date;rating;author;title;text;language\nts-1;2026-03-01;5;Eva;Top;Alles gut;de\nts-2;2026-03-02;0;Ben;;Nix;de\nts-3;morgen;3;Ida;;Naja;de\n' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.details.errors).toEqual([
        { line: 3, message: 'rating must be a whole number from 1 to 5, not "0"' },
        { line: 4, message: expect.stringMatching(/date "morgen" is not a date/) },
      ]);
      expect(await inboundCount(channelId)).toBe(0);
      expect((await importReviews({ format: 'xml', content: '<x/>' })).status).toBe(400);
      expect((await importReviews({ format: 'csv', content: 'id,rating\n1,5' }, t.tokens.viewer)).status).toBe(403);
    });

    it('imports CSV and JSON exports, each review id once', async () => {
      const csv = 'id;date;rating;author;title;text;language\nts-1;2026-03-01;5;Eva;Top;"Schnelle Lieferung; gerne wieder";de\nts-2;2026-03-02;2;Ben;;Verpackung beschädigt;de\n';
      expect((await importReviews({ format: 'csv', content: csv })).body).toEqual({ imported: 2, duplicates: 0 });
      const json = JSON.stringify([{ id: 'ts-2', rating: 2, author: 'Ben', text: 'Verpackung beschädigt' }, { id: 'idealo-7', date: '2026-03-03T12:00:00Z', rating: 4, author: 'Kai', title: 'Gut', text: 'Preis ok', language: 'de' }, { id: 'idealo-7', rating: 4, author: 'Kai', text: 'Preis ok' }]);
      expect((await importReviews({ format: 'json', content: json })).body).toEqual({ imported: 1, duplicates: 2 });
      expect(await inboundCount(channelId)).toBe(3);
      const conv = (await conversationWith(channelId, 'ts-1'))!;
      expect(conv).toMatchObject({ subject: '★★★★★ Top', visibility: 'public', contact: { name: 'Eva' } });
      expect(conv.messages[0]).toMatchObject({ rating: 5, text: 'Top\n\nSchnelle Lieferung; gerne wieder' });
    });

    it('marks a reply as sent, prepared for copy-paste, without sending it anywhere', async () => {
      const conv = (await conversationWith(channelId, 'ts-2'))!;
      const sent = await replyAndWait(conv.id, 'Lieber Ben, wir schicken Ersatz.', 'sent');
      expect(sent.externalId).toBe(`manual:${String(sent.id)}`);
      const second = await replyAndWait(conv.id, 'Nachtrag: Ersatz ist unterwegs.', 'sent');
      expect(second.externalId).toBe(`manual:${String(second.id)}`);
    });
  });
});
