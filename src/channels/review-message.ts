import type { InboundMessage } from '../pipeline/inbound.js';

/** A review from any portal, as the portal adapters and the import read it. */
export interface Review {
  id: string;
  rating: number;
  title?: string | null;
  text?: string | null;
  author?: string | null;
  /** The portal's id for the reviewer, where it has a stable one; otherwise each review is its own reviewer. */
  authorId?: string | null;
  language?: string | null;
  createdAt?: Date | null;
}

export function stars(rating: number): string {
  return '★'.repeat(rating) + '☆'.repeat(5 - rating);
}

/** `de`, `de-DE`, `de_DE` → `de`; anything else is left to language detection. */
function languageOf(value: string | null | undefined): string | undefined {
  const primary = value?.trim().toLowerCase().split(/[-_]/)[0];
  return primary && /^[a-z]{2,3}$/.test(primary) ? primary : undefined;
}

/**
 * Each review is a public conversation of its own (thread key = the review id), its stars in the
 * subject, so the inbox shows the rating at a glance, and on the message as `rating`.
 */
export function messageFromReview(review: Review): InboundMessage {
  const title = review.title?.trim() || null;
  const body = review.text?.trim() || null;
  const language = languageOf(review.language);
  return {
    externalId: review.id,
    from: { id: (review.authorId ?? `review:${review.id}`).slice(0, 512), name: (review.author?.trim() || 'Anonymous').slice(0, 256) },
    text: [title, body].filter(Boolean).join('\n\n').slice(0, 100_000) || stars(review.rating),
    subject: `${stars(review.rating)}${title ? ` ${title}` : ''}`.slice(0, 998),
    threadKey: review.id,
    ...(review.createdAt && !Number.isNaN(review.createdAt.getTime()) && { sentAt: review.createdAt }),
    visibility: 'public',
    rating: review.rating,
    ...(language && { language }),
  };
}
