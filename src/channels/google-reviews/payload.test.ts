import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../domain/errors.js';
import { messageFromReview } from '../review-message.js';
import { readReviewPage } from './adapter.js';

const time = fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.string({ maxLength: 30 }), fc.constantFrom('', 'gestern', '2026-02-30T25:61:00Z', '+275760-09-13T00:00:00.000Z'));
const review = fc.record(
  {
    reviewId: fc.string({ maxLength: 40 }),
    reviewer: fc.option(fc.record({ displayName: fc.option(fc.string({ maxLength: 300 })), isAnonymous: fc.option(fc.boolean()) }, { requiredKeys: [] })),
    starRating: fc.constantFrom('ONE', 'TWO', 'THREE', 'FOUR', 'FIVE', 'ZERO'),
    comment: fc.option(fc.string({ maxLength: 500 })),
    createTime: time,
    updateTime: fc.option(time),
  },
  { requiredKeys: ['reviewId', 'starRating', 'createTime'] },
);

describe('reading Google review pages (fuzzed)', () => {
  it('skips a review with an unreadable time instead of failing the whole poll', () => {
    const page = readReviewPage({ reviews: [{ reviewId: 'r1', starRating: 'ONE', createTime: 'gestern' }, { reviewId: 'r2', starRating: 'FIVE', createTime: '2026-03-01T10:00:00Z', comment: 'Super' }] }, Number.NEGATIVE_INFINITY);
    expect(page.reviews.map((r) => r.id)).toEqual(['r2']);
    expect(page.times).toEqual([Date.parse('2026-03-01T10:00:00Z')]);
  });

  it('turns any page into readable reviews with real times, or refuses it as unavailable', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.record({ reviews: fc.array(fc.oneof(review, fc.jsonValue()), { maxLength: 8 }), nextPageToken: fc.option(fc.string()) })), fc.oneof(fc.constant(Number.NEGATIVE_INFINITY), fc.integer({ min: 0, max: 4e12 })), (body, since) => {
        try {
          const page = readReviewPage(body, since);
          expect(page.times).toHaveLength(page.reviews.length);
          for (const at of page.times) {
            expect(at).toBeGreaterThanOrEqual(since);
            expect(() => new Date(at).toISOString()).not.toThrow();
          }
          for (const r of page.reviews) {
            const msg = messageFromReview(r);
            expect(msg.externalId.length).toBeGreaterThan(0);
            expect(msg.rating).toBeGreaterThanOrEqual(1);
          }
        } catch (err) {
          expect(isAppError(err) && err.code === 'unavailable').toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });
});
