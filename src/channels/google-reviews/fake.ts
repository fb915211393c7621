import { type FakeProvider, type FakeRequest, isRecord, startFakeProvider } from '../fake-provider.js';

// A contract fake of the Google My Business v4 reviews API as documented: a bearer token,
// `reviews` with `starRating` ONE..FIVE, `pageSize`/`pageToken` paging with `nextPageToken`, and
// PUT …/reviews/{reviewId}/reply answering the ReviewReply.

export interface GoogleReview {
  reviewId: string;
  reviewer: { displayName: string; isAnonymous?: boolean };
  starRating: 'ONE' | 'TWO' | 'THREE' | 'FOUR' | 'FIVE';
  comment?: string;
  createTime: string;
  updateTime: string;
}

export interface GoogleReviewsFake extends FakeProvider {
  reviews: GoogleReview[];
  replies: FakeRequest[];
}

export async function startGoogleReviewsFake(accountId: string, locationId: string, accessToken: string): Promise<GoogleReviewsFake> {
  const reviews: GoogleReview[] = [];
  const replies: FakeRequest[] = [];
  const prefix = `/v4/accounts/${accountId}/locations/${locationId}/reviews`;
  const provider = await startFakeProvider((req) => {
    if (req.headers.authorization !== `Bearer ${accessToken}`) return { status: 401, body: { error: { code: 401, message: 'Request had invalid authentication credentials.', status: 'UNAUTHENTICATED' } } };
    if (req.method === 'GET' && req.path === prefix) {
      const size = Math.min(Number(req.query.get('pageSize') ?? '50'), 50);
      const offset = Number(req.query.get('pageToken') ?? '0');
      const sorted = [...reviews].sort((a, b) => Date.parse(b.updateTime) - Date.parse(a.updateTime));
      const slice = sorted.slice(offset, offset + size);
      return { status: 200, body: { reviews: slice, averageRating: 0, totalReviewCount: reviews.length, ...(offset + size < sorted.length && { nextPageToken: String(offset + size) }) } };
    }
    const reply = new RegExp(`^${prefix}/([^/]+)/reply$`).exec(req.path);
    if (req.method === 'PUT' && reply) {
      if (!reviews.some((r) => r.reviewId === reply[1])) return { status: 404, body: { error: { code: 404, message: 'Requested entity was not found.', status: 'NOT_FOUND' } } };
      if (!isRecord(req.json) || typeof req.json.comment !== 'string' || req.json.comment.length > 4096) return { status: 400, body: { error: { code: 400, message: 'Invalid comment', status: 'INVALID_ARGUMENT' } } };
      replies.push(req);
      return { status: 200, body: { comment: req.json.comment, updateTime: new Date().toISOString() } };
    }
    return null;
  });
  return { ...provider, reviews, replies };
}
