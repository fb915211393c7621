// The base models' view of one message, as logits, shared by classify() and by trainAdaptation(),
// which needs the same numbers as the frozen starting point it learns a correction to.
import { textFeatures } from './features.js';
import { addLogits } from './linear-model.js';
import { models } from './model-store.js';
import { addBrandFeatures, baseRelevanceLogit, brandSignals, type BrandProfile } from './relevance.js';
import { CATEGORIES, SENTIMENTS } from './labels.js';
import { emptyVector, type SparseVector } from './sparse.js';

const OTHER = CATEGORIES.indexOf('other');

export interface BaseView {
  sentiment: Float64Array;
  category: Float64Array;
  /** Two logits, [irrelevant, relevant]; the first is always 0. */
  relevance: Float64Array;
  /** The text features alone: the input of sentiment and category adaptations. */
  textInput: SparseVector;
  /** Text features plus brand signals: the input of a relevance adaptation. */
  relevanceInput: SparseVector;
}

export function baseView(
  text: string,
  language: string,
  brand: BrandProfile | undefined,
  into: SparseVector = emptyVector(),
  tokens?: string[],
): BaseView {
  const m = models();
  const features = textFeatures(text, into, tokens);
  const both = new Float64Array(SENTIMENTS.length + CATEGORIES.length);
  addLogits(m.sentimentAndCategory, features.vector, both);
  const category = both.slice(SENTIMENTS.length);
  let sentiment = both.subarray(0, SENTIMENTS.length);
  if (language === 'en') {
    sentiment = new Float64Array(SENTIMENTS.length);
    addLogits(m.sentimentEn, features.vector, sentiment);
  }
  const relevance = new Float64Array(2);
  const textInput: SparseVector = { idx: features.vector.idx, val: features.vector.val, size: features.vector.size };
  if (brand) {
    const signals = brandSignals(text, brand);
    relevance[1] = baseRelevanceLogit(signals);
    addBrandFeatures(signals, features.vector);
    textInput.idx = features.vector.idx;
    textInput.val = features.vector.val;
  } else {
    relevance[1] = 2 * (0.5 - probabilityOf(category, OTHER));
  }
  return { sentiment, category, relevance, textInput, relevanceInput: features.vector };
}

function probabilityOf(logits: Float64Array, index: number): number {
  let max = -Infinity;
  for (const l of logits) if (l > max) max = l;
  let sum = 0;
  for (const l of logits) sum += Math.exp(l - max);
  return Math.exp((logits[index] ?? 0) - max) / sum;
}
