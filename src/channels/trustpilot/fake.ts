import { type FakeProvider, type FakeRequest, isRecord, startFakeProvider } from '../fake-provider.js';

// A contract fake of Trustpilot's private Business Units API as documented: the `apikey` header
// and a bearer token, reviews newest first with `page`/`perPage` and a `next-page` link, and
// POST /v1/private/reviews/{reviewId}/reply answering 201 with no body.

export interface TrustpilotReview {
  id: string;
  stars: number;
  title: string;
  text: string;
  language: string;
  createdAt: string;
  consumer: { id: string; displayName: string };
}

export interface TrustpilotFake extends FakeProvider {
  /** The business unit's reviews, in any order; the fake serves them newest first. */
  reviews: TrustpilotReview[];
  replies: FakeRequest[];
}

export async function startTrustpilotFake(businessUnitId: string, apiKey: string, accessToken: string): Promise<TrustpilotFake> {
  const reviews: TrustpilotReview[] = [];
  const replies: FakeRequest[] = [];
  const provider = await startFakeProvider((req) => {
    if (req.headers.apikey !== apiKey || req.headers.authorization !== `Bearer ${accessToken}`) return { status: 401, body: { message: 'Unauthorized', errorCode: 'unauthorized' } };
    if (req.method === 'GET' && req.path === `/v1/private/business-units/${businessUnitId}/reviews`) {
      const page = Number(req.query.get('page') ?? '1');
      const perPage = Number(req.query.get('perPage') ?? '20');
      if (!Number.isInteger(page) || page < 1 || !Number.isInteger(perPage) || perPage < 1 || perPage > 100) return { status: 400, body: { message: 'Invalid paging' } };
      if (req.query.get('orderBy') !== 'createdat.desc') return { status: 400, body: { message: 'This fake serves orderBy=createdat.desc' } };
      const sorted = [...reviews].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
      const slice = sorted.slice((page - 1) * perPage, page * perPage);
      const links = page * perPage < sorted.length ? [{ href: `${req.path}?page=${page + 1}&perPage=${perPage}`, method: 'GET', rel: 'next-page' }] : [];
      return { status: 200, body: { reviews: slice, links } };
    }
    const reply = /^\/v1\/private\/reviews\/([^/]+)\/reply$/.exec(req.path);
    if (req.method === 'POST' && reply) {
      if (!reviews.some((r) => r.id === reply[1])) return { status: 404, body: { message: 'Review not found' } };
      if (!isRecord(req.json) || typeof req.json.message !== 'string' || req.json.message.trim() === '') return { status: 400, body: { message: 'message is required' } };
      replies.push(req);
      return { status: 201, body: '' };
    }
    return null;
  });
  return { ...provider, reviews, replies };
}
