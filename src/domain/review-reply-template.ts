import { renderTemplate } from './template.js';

/** What a review reply template may fill in. */
export const REVIEW_TEMPLATE_VARIABLES = ['reviewer.name', 'reviewer.firstName', 'product', 'portal', 'agent.name', 'rating', 'brand'] as const;

export interface ReplyTemplateCandidate {
  id: string;
  language: 'de' | 'en';
  minRating: number;
  maxRating: number;
  category: string | null;
  body: string;
}

export interface ReviewForReply {
  rating: number;
  category: string | null;
  language: string | null;
  author: string | null;
  product: string | null;
  portal: string;
  brand: string | null;
}

/**
 * The template that fits a review best: its rating inside the template's band and, where the
 * template names a topic, the review's topic. A template in the review's language beats one in
 * another language, a topic template beats a general one, and a narrower band beats a wider one.
 */
export function pickReplyTemplate<T extends ReplyTemplateCandidate>(templates: readonly T[], review: ReviewForReply, fallbackLanguage: 'de' | 'en'): T | null {
  const language = review.language === 'de' || review.language === 'en' ? review.language : fallbackLanguage;
  const fitting = templates.filter((t) => review.rating >= t.minRating && review.rating <= t.maxRating && (t.category === null || t.category === review.category));
  const score = (t: T) => (t.language === language ? 100 : 0) + (t.category ? 10 : 0) - (t.maxRating - t.minRating);
  return [...fitting].sort((a, b) => score(b) - score(a) || a.id.localeCompare(b.id))[0] ?? null;
}

/** Anonymous reviewers have no name to address; the portals show them as such. */
const ANONYMOUS = new Set(['anonymous', 'anonym', 'anonyme']);

export function fillReplyTemplate(body: string, review: ReviewForReply, agentName: string | null): string {
  const name = review.author && !ANONYMOUS.has(review.author.trim().toLowerCase()) ? review.author.trim() : '';
  const text = renderTemplate(body, {
    reviewer: { name, firstName: name.split(/\s+/)[0] ?? '' },
    product: review.product ?? '',
    portal: review.portal,
    agent: { name: agentName ?? '' },
    rating: review.rating,
    brand: review.brand ?? '',
  });
  // A variable with nothing to say leaves "Hallo ," behind; close the gap it left.
  return text.replace(/[ \t]+([,.!?])/g, '$1').replace(/[ \t]{2,}/g, ' ').trim();
}
