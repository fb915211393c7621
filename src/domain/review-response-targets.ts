import { z } from 'zod';

/** Hours a review may wait for its public reply, one target per star rating (index 0 = one star). */
export interface ReviewResponseTargets {
  hoursByRating: [number, number, number, number, number];
}

// Angry reviewers are read by every later visitor, so they are answered first.
export const DEFAULT_REVIEW_RESPONSE_TARGETS: ReviewResponseTargets = { hoursByRating: [24, 24, 48, 72, 72] };

export const ReviewResponseTargetsSchema = z
  .object({ hoursByRating: z.tuple([Hours(), Hours(), Hours(), Hours(), Hours()]) })
  .strict();

function Hours() {
  return z.number().int().min(1).max(24 * 90);
}
