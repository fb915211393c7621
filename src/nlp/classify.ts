// One pass over a message: language, sentiment, category, relevance, urgency and personal data.
import { applyAdaptation, type Adaptation } from './adaptation.js';
import { CATEGORIES, SENTIMENTS, type Category, type Sentiment } from './labels.js';
import { featureTokens } from './features.js';
import { detectWith } from './language.js';
import { argmax, softmaxInPlace } from './linear-model.js';
import { models } from './model-store.js';
import { detectPii, type PiiSpan } from './pii.js';
import type { BrandProfile } from './relevance.js';
import { baseView } from './scoring.js';
import { emptyVector } from './sparse.js';
import { urgencyReasons } from './urgency.js';

export interface Classification {
  language: string;
  sentiment: Sentiment;
  /** p(positive) − p(negative), from −1 to 1. */
  sentimentScore: number;
  category: Category;
  /** Probability of the chosen category. */
  categoryScore: number;
  urgent: boolean;
  urgentReasons: string[];
  relevant: boolean;
  /** Probability that the message is about the brand (or, without a brand profile, about any service). */
  relevanceScore: number;
  pii: PiiSpan[];
}

export interface ClassifyOptions {
  brand?: BrandProfile;
  adaptation?: Adaptation;
}

const buffer = emptyVector(2048);

export function classify(text: string, opts: ClassifyOptions = {}): Classification {
  const tokens = featureTokens(text);
  const language = detectWith(models().language, text, tokens).language;
  const view = baseView(text, language, opts.brand, buffer, tokens);
  const { adaptation } = opts;
  if (adaptation) {
    applyAdaptation(adaptation, 'sentiment', view.textInput, view.sentiment);
    applyAdaptation(adaptation, 'category', view.textInput, view.category);
    applyAdaptation(adaptation, 'relevant', view.relevanceInput, view.relevance);
  }
  softmaxInPlace(view.sentiment);
  softmaxInPlace(view.category);
  softmaxInPlace(view.relevance);
  const sentiment = SENTIMENTS[argmax(view.sentiment)] ?? 'neutral';
  const categoryIndex = argmax(view.category);
  const reasons = urgencyReasons(text);
  const relevanceScore = view.relevance[1] ?? 0;
  return {
    language,
    sentiment,
    sentimentScore: (view.sentiment[2] ?? 0) - (view.sentiment[0] ?? 0),
    category: CATEGORIES[categoryIndex] ?? 'other',
    categoryScore: view.category[categoryIndex] ?? 0,
    urgent: reasons.length > 0,
    urgentReasons: reasons,
    relevant: relevanceScore >= 0.5,
    relevanceScore,
    pii: detectPii(text),
  };
}

export function detectLanguage(text: string): { language: string; confidence: number } {
  return detectWith(models().language, text);
}
