export const SENTIMENTS = ['negative', 'neutral', 'positive'] as const;
export type Sentiment = (typeof SENTIMENTS)[number];

export const CATEGORIES = [
  'praise',
  'complaint',
  'question',
  'cancellation',
  'billing',
  'delivery',
  'technical',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const RELEVANCE = ['irrelevant', 'relevant'] as const;
