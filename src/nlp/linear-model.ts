// Multinomial logistic regression over hashed features. Weights are laid out feature-major
// (weights[bucket * classes + class]) so one message touches one short run of memory per feature.
import type { SparseVector } from './sparse.js';

export interface LinearModel {
  labels: string[];
  /** Number of hash buckets; a power of two so a mask replaces the modulo. */
  dim: number;
  weights: Float32Array;
  bias: Float32Array;
  /** Floats per bucket, when rows are padded beyond the number of classes (see cacheAligned). */
  stride?: number;
}

export function createModel(labels: string[], dim: number): LinearModel {
  if ((dim & (dim - 1)) !== 0) throw new RangeError(`dim must be a power of two, got ${dim}`);
  return { labels, dim, weights: new Float32Array(dim * labels.length), bias: new Float32Array(labels.length) };
}

/** Adds the model's logits to `out` (so a workspace adaptation can be stacked on a base model). */
export function addLogits(model: LinearModel, x: SparseVector, out: Float64Array): void {
  const k = model.labels.length;
  const stride = model.stride ?? k;
  const mask = model.dim - 1;
  const w = model.weights;
  const sums = new Float64Array(k);
  const idx = x.idx;
  const val = x.val;
  for (let i = 0; i < x.size; i++) {
    const base = (idx[i]! & mask) * stride;
    const value = val[i]!;
    for (let c = 0; c < k; c++) sums[c]! += w[base + c]! * value;
  }
  for (let c = 0; c < k; c++) out[c] = out[c]! + model.bias[c]! + sums[c]!;
}

const CACHE_LINE_FLOATS = 16;

/**
 * Two models over the same features as one, their classes side by side in one cache-line-aligned
 * row per bucket, so each feature costs one memory access instead of two or three: lookups, not
 * arithmetic, bound the per-message time.
 */
export function stackModels(a: LinearModel, b: LinearModel): LinearModel {
  if (a.dim !== b.dim) throw new RangeError('stacked models need the same number of buckets');
  const ka = a.labels.length;
  const kb = b.labels.length;
  const stride = rowStride(ka + kb);
  const weights = new Float32Array(a.dim * stride);
  for (let i = 0; i < a.dim; i++) {
    weights.set(a.weights.subarray(i * ka, (i + 1) * ka), i * stride);
    weights.set(b.weights.subarray(i * kb, (i + 1) * kb), i * stride + ka);
  }
  const bias = new Float32Array(ka + kb);
  bias.set(a.bias);
  bias.set(b.bias, ka);
  return { labels: [...a.labels, ...b.labels], dim: a.dim, weights, bias, stride };
}

export function cacheAligned(model: LinearModel): LinearModel {
  const k = model.labels.length;
  const stride = rowStride(k);
  if (stride === k) return model;
  const weights = new Float32Array(model.dim * stride);
  for (let i = 0; i < model.dim; i++) weights.set(model.weights.subarray(i * k, (i + 1) * k), i * stride);
  return { ...model, weights, stride };
}

function rowStride(k: number): number {
  return k <= CACHE_LINE_FLOATS ? CACHE_LINE_FLOATS : k;
}

export function softmaxInPlace(logits: Float64Array): void {
  let max = -Infinity;
  for (const l of logits) if (l > max) max = l;
  let sum = 0;
  for (let c = 0; c < logits.length; c++) {
    const e = Math.exp((logits[c] ?? 0) - max);
    logits[c] = e;
    sum += e;
  }
  for (let c = 0; c < logits.length; c++) logits[c] = (logits[c] ?? 0) / sum;
}

export function argmax(values: Float64Array): number {
  let best = 0;
  for (let c = 1; c < values.length; c++) if ((values[c] ?? 0) > (values[best] ?? 0)) best = c;
  return best;
}
