// A workspace's adaptation: for each corrected field, a small linear model over the same features,
// trained to correct the frozen base model (its logits are the starting point) on the agents'
// corrections. The shipped models never change; the adaptation is plain JSON the workspace stores.
import { AppError } from '../domain/errors.js';
import { CATEGORIES, RELEVANCE, SENTIMENTS } from './labels.js';
import { addLogits, argmax, type LinearModel } from './linear-model.js';
import type { BrandProfile } from './relevance.js';
import { detectWith } from './language.js';
import { models } from './model-store.js';
import { baseView } from './scoring.js';
import { compact, emptyVector, type SparseVector } from './sparse.js';
import { trainLinear, type TrainingExample } from './train-linear.js';

export type AdaptableField = 'sentiment' | 'category' | 'relevant';

export interface Correction {
  text: string;
  field: AdaptableField;
  label: string;
}

export interface AdaptedField {
  labels: string[];
  bias: number[];
  /** int16 weights, feature-major, base64; multiply by scale. */
  weights: string;
  scale: number;
  examples: number;
  /**
   * Factor on the base model's logits before the field's own are added (0…1; absent means 1). Below 1
   * when cross-validation inside the corrections found that the workspace's traffic is better served
   * by trusting the base model less.
   */
  baseWeight?: number;
}

export interface Adaptation {
  version: 1;
  /** Hash buckets of every adapted field; smaller than the base models because corrections are few. */
  dim: number;
  fields: Partial<Record<AdaptableField, AdaptedField>>;
}

const ADAPTATION_DIM = 1 << 16;

/**
 * Chosen by 4-fold cross-validation inside GermEval dev (the stand-in for a workspace's corrections):
 * relevance already starts from the brand profile and needs a firmer hand than sentiment or category.
 */
const SETTINGS: Record<AdaptableField, { epochs: number; l2: number; learningRate: number }> = {
  sentiment: { epochs: 10, l2: 1e-4, learningRate: 0.1 },
  category: { epochs: 10, l2: 1e-4, learningRate: 0.1 },
  relevant: { epochs: 6, l2: 1e-3, learningRate: 0.1 },
};

/** Candidate base weights, most trusting first: with too few corrections to tell, the base model keeps full weight. */
const BASE_WEIGHTS = [1, 0.5, 0];
const FOLDS = 3;
const MIN_EXAMPLES_TO_VALIDATE = 150;

const FIELD_LABELS: Record<AdaptableField, readonly string[]> = {
  sentiment: SENTIMENTS,
  category: CATEGORIES,
  relevant: RELEVANCE,
};

function labelIndex(c: Correction): number {
  if (c.field === 'relevant') {
    const l = c.label.toLowerCase();
    if (l === 'true' || l === 'relevant') return 1;
    if (l === 'false' || l === 'irrelevant') return 0;
  } else {
    const i = FIELD_LABELS[c.field]?.indexOf(c.label) ?? -1;
    if (i >= 0) return i;
  }
  throw new AppError('invalid', `"${c.label}" is not a label of field "${c.field}"`, { field: c.field, label: c.label });
}

export function trainAdaptation(corrections: Correction[], opts: { brand?: BrandProfile } = {}): Adaptation {
  const byField = new Map<AdaptableField, TrainingExample[]>();
  const buffer = emptyVector();
  for (const c of corrections) {
    if (!(c.field in FIELD_LABELS)) throw new AppError('invalid', `cannot adapt field "${String(c.field)}"`);
    const label = labelIndex(c);
    const view = baseView(c.text, detectWith(models().language, c.text).language, opts.brand, buffer);
    const example: TrainingExample =
      c.field === 'relevant'
        ? { x: compact(view.relevanceInput), label, offset: view.relevance }
        : { x: compact(view.textInput), label, offset: c.field === 'sentiment' ? view.sentiment : view.category };
    const list = byField.get(c.field) ?? [];
    list.push(example);
    byField.set(c.field, list);
  }
  const adaptation: Adaptation = { version: 1, dim: ADAPTATION_DIM, fields: {} };
  for (const [field, examples] of byField) {
    const baseWeight = chooseBaseWeight(field, examples);
    const model = trainField(field, withBaseWeight(examples, baseWeight));
    adaptation.fields[field] = { ...encodeField(model, examples.length), baseWeight };
  }
  return adaptation;
}

function trainField(field: AdaptableField, examples: TrainingExample[]): LinearModel {
  return trainLinear(examples, { labels: [...FIELD_LABELS[field]], dim: ADAPTATION_DIM, ...SETTINGS[field] });
}

function withBaseWeight(examples: TrainingExample[], weight: number): TrainingExample[] {
  return weight === 1 ? examples : examples.map((e) => ({ ...e, offset: e.offset?.map((v) => v * weight) }));
}

/** The base weight whose adaptation predicts held-out corrections best, by cross-validation within them. */
function chooseBaseWeight(field: AdaptableField, examples: TrainingExample[]): number {
  if (examples.length < MIN_EXAMPLES_TO_VALIDATE) return 1;
  let best = { weight: 1, right: -1 };
  for (const weight of BASE_WEIGHTS) {
    const weighted = withBaseWeight(examples, weight);
    let right = 0;
    for (let fold = 0; fold < FOLDS; fold++) {
      const model = trainField(field, weighted.filter((_, i) => i % FOLDS !== fold));
      weighted.forEach((e, i) => {
        if (i % FOLDS !== fold) return;
        const logits = Float64Array.from(e.offset ?? []);
        addLogits(model, e.x, logits);
        if (argmax(logits) === e.label) right++;
      });
    }
    if (right > best.right) best = { weight, right };
  }
  return best.weight;
}

function encodeField(model: LinearModel, examples: number): AdaptedField {
  let maxAbs = 0;
  for (const w of model.weights) maxAbs = Math.max(maxAbs, Math.abs(w));
  const scale = maxAbs > 0 ? maxAbs / 32767 : 1;
  const q = new Int16Array(model.weights.length);
  for (let i = 0; i < q.length; i++) q[i] = Math.round((model.weights[i] ?? 0) / scale);
  return {
    labels: model.labels,
    bias: Array.from(model.bias),
    weights: Buffer.from(q.buffer).toString('base64'),
    scale,
    examples,
  };
}

const decoded = new WeakMap<AdaptedField, LinearModel>();

/** Turns the base model's logits for a field into the adapted ones, in place. */
export function applyAdaptation(adaptation: Adaptation, field: AdaptableField, input: SparseVector, logits: Float64Array): void {
  const model = adaptedModel(adaptation, field);
  if (!model) return;
  const weight = adaptation.fields[field]?.baseWeight ?? 1;
  if (weight !== 1) for (let c = 0; c < logits.length; c++) logits[c] = logits[c]! * weight;
  addLogits(model, input, logits);
}

/** The adapted field as a model whose logits are added to the base model's; checked once per object. */
function adaptedModel(adaptation: Adaptation, field: AdaptableField): LinearModel | undefined {
  const f = adaptation.fields[field];
  if (!f) return undefined;
  const cached = decoded.get(f);
  if (cached) return cached;
  if (adaptation.version !== 1) throw new AppError('invalid', `unsupported adaptation version ${String(adaptation.version)}`);
  if (f.baseWeight !== undefined && !(f.baseWeight >= 0 && f.baseWeight <= 1)) {
    throw new AppError('invalid', `adaptation for ${field} has an invalid base weight`);
  }
  const bytes = Buffer.from(f.weights, 'base64');
  const expected = adaptation.dim * f.labels.length;
  if ((adaptation.dim & (adaptation.dim - 1)) !== 0 || bytes.length !== expected * 2) {
    throw new AppError('invalid', `adaptation for ${field} is corrupt`);
  }
  const weights = new Float32Array(expected);
  for (let i = 0; i < expected; i++) weights[i] = bytes.readInt16LE(i * 2) * f.scale;
  const model: LinearModel = { labels: f.labels, dim: adaptation.dim, weights, bias: Float32Array.from(f.bias) };
  decoded.set(f, model);
  return model;
}
