// Public API of Parley's offline language understanding.
export type { Sentiment, Category } from './labels.js';
export type { PiiSpan } from './pii.js';
export type { BrandProfile } from './relevance.js';
export type { Classification, ClassifyOptions } from './classify.js';
export type { Adaptation, AdaptedField, Correction, AdaptableField } from './adaptation.js';
export { classify, detectLanguage } from './classify.js';
export { detectPii, redactPii } from './pii.js';
export { trainAdaptation } from './adaptation.js';
export { classifyStream } from './classify-stream.js';
