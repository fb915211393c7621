// Training for LinearModel: AdaGrad on the multinomial logistic loss with L2 on touched weights.
// Used by scripts/train.ts for the shipped models and by trainAdaptation for workspace deltas,
// where `offset` carries the frozen base model's logits so only the difference is learned.
import { createModel, softmaxInPlace, type LinearModel } from './linear-model.js';
import type { SparseVector } from './sparse.js';
import { seededRandom } from '../runtime/seeded-random.js';

export interface TrainingExample {
  x: SparseVector;
  label: number;
  weight?: number;
  offset?: Float64Array;
}

export interface TrainOptions {
  labels: string[];
  dim: number;
  epochs: number;
  learningRate?: number;
  l2?: number;
  seed?: number;
  /** Scales each class's loss, e.g. to even out a majority class. */
  classWeights?: number[];
}

export function trainLinear(examples: TrainingExample[], opts: TrainOptions): LinearModel {
  const k = opts.labels.length;
  const model = createModel(opts.labels, opts.dim);
  const mask = opts.dim - 1;
  const lr = opts.learningRate ?? 0.5;
  const l2 = opts.l2 ?? 1e-6;
  const gradSq = new Float32Array(model.weights.length);
  const biasGradSq = new Float32Array(k);
  const probs = new Float64Array(k);
  const order = examples.map((_, i) => i);
  const random = seededRandom(opts.seed ?? 1);
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    shuffle(order, random);
    for (const i of order) {
      const ex = examples[i];
      if (!ex) continue;
      const weight = (ex.weight ?? 1) * (opts.classWeights?.[ex.label] ?? 1);
      probs.fill(0);
      if (ex.offset) for (let c = 0; c < k; c++) probs[c] = ex.offset[c] ?? 0;
      for (let c = 0; c < k; c++) probs[c] = (probs[c] ?? 0) + (model.bias[c] ?? 0);
      for (let j = 0; j < ex.x.size; j++) {
        const base = ((ex.x.idx[j] ?? 0) & mask) * k;
        const value = ex.x.val[j] ?? 0;
        for (let c = 0; c < k; c++) probs[c] = (probs[c] ?? 0) + (model.weights[base + c] ?? 0) * value;
      }
      softmaxInPlace(probs);
      for (let c = 0; c < k; c++) {
        const g = weight * ((probs[c] ?? 0) - (c === ex.label ? 1 : 0));
        biasGradSq[c] = (biasGradSq[c] ?? 0) + g * g;
        model.bias[c] = (model.bias[c] ?? 0) - (lr * g) / Math.sqrt((biasGradSq[c] ?? 0) + 1e-8);
        for (let j = 0; j < ex.x.size; j++) {
          const at = ((ex.x.idx[j] ?? 0) & mask) * k + c;
          const w = model.weights[at] ?? 0;
          const gw = g * (ex.x.val[j] ?? 0) + l2 * w;
          gradSq[at] = (gradSq[at] ?? 0) + gw * gw;
          model.weights[at] = w - (lr * gw) / Math.sqrt((gradSq[at] ?? 0) + 1e-8);
        }
      }
    }
  }
  return model;
}

function shuffle(a: number[], random: () => number): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = a[i] ?? 0;
    a[i] = a[j] ?? 0;
    a[j] = t;
  }
}

