// `npm run train`: rebuilds the shipped models in src/nlp/models from the open data sets in
// ../shared/data and the project's own examples. GermEval and TweetEval are never read here.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { textFeatures } from '../src/nlp/features.js';
import { CATEGORIES, SENTIMENTS, type Sentiment } from '../src/nlp/labels.js';
import { detectWith } from '../src/nlp/language.js';
import { addLogits, argmax, type LinearModel } from '../src/nlp/linear-model.js';
import { encodeModel } from '../src/nlp/model-io.js';
import { modelFileName, type ModelName } from '../src/nlp/model-store.js';
import { trainLinear, type TrainingExample } from '../src/nlp/train-linear.js';
import { LANGUAGE_SAMPLES } from './nlp-examples-language.js';
import { LANGUAGE_DEV } from './nlp-examples-language-dev.js';
import { sb10k } from './nlp-data.js';
import { macroF1, round } from './nlp-metrics.js';
import { categorySet, englishSentimentSet, languageSet, sentimentSet, type SentimentSetOptions } from './nlp-training-sets.js';

const OUT = fileURLToPath(new URL('../src/nlp/models/', import.meta.url));
const SENTIMENT_DIM = 1 << 17;
const CATEGORY_DIM = 1 << 17;
const LANGUAGE_DIM = 1 << 14;

function save(name: ModelName, model: LinearModel): void {
  const bytes = encodeModel(model);
  writeFileSync(`${OUT}${modelFileName(name)}`, bytes);
  console.log(`wrote ${modelFileName(name)} (${(bytes.length / 1024).toFixed(0)} KiB)`);
}

function predictSentiment(model: LinearModel, text: string): Sentiment {
  const logits = new Float64Array(SENTIMENTS.length);
  addLogits(model, textFeatures(text).vector, logits);
  return SENTIMENTS[argmax(logits)] ?? 'neutral';
}

const SENTIMENT_GRID = {
  epochs: [2, 3, 5],
  neutralWeight: [0.4, 0.5, 0.7],
  learningRate: [0.1, 0.3],
  l2: [1e-6, 1e-5],
};

/** Grid over epochs, class weight, learning rate and L2, chosen by macro-F1 on the SB-10k dev split. */
function trainSentiment(name: string, build: (labels: readonly Sentiment[], o: SentimentSetOptions) => TrainingExample[]): LinearModel {
  const dev = sb10k('dev');
  const gold = dev.map((r) => r.label);
  const set = build(SENTIMENTS, { universalWeight: 0.5, projectWeight: 3 });
  let best: { model: LinearModel; f1: number; label: string } | undefined;
  for (const epochs of SENTIMENT_GRID.epochs) {
    for (const neutralWeight of SENTIMENT_GRID.neutralWeight) {
      for (const learningRate of SENTIMENT_GRID.learningRate) {
        for (const l2 of SENTIMENT_GRID.l2) {
          const model = trainLinear(set, {
            labels: [...SENTIMENTS],
            dim: SENTIMENT_DIM,
            epochs,
            learningRate,
            l2,
            classWeights: [1, neutralWeight, 1],
          });
          const f1 = macroF1(gold, dev.map((r) => predictSentiment(model, r.text)), SENTIMENTS);
          const label = `epochs=${epochs} neutralWeight=${neutralWeight} learningRate=${learningRate} l2=${l2}`;
          if (!best || f1 > best.f1) best = { model, f1, label };
        }
      }
    }
  }
  if (!best) throw new Error('no sentiment model trained');
  console.log(`${name}: chose ${best.label} (SB-10k dev macro-F1 ${round(best.f1)})`);
  return best.model;
}

/** The held-out lines the language settings were chosen on (names, brands, loan words). */
function reportLanguageDev(model: LinearModel): void {
  const scores = Object.entries(LANGUAGE_DEV).map(([lang, texts]) => {
    const right = texts.filter((t) => detectWith(model, t).language === lang).length;
    return `${lang} ${right}/${texts.length}`;
  });
  console.log(`language: project dev lines ${scores.join(', ')}`);
}

function main(): void {
  mkdirSync(OUT, { recursive: true });
  const started = Date.now();
  const languages = ['de', 'en', ...Object.keys(LANGUAGE_SAMPLES)];
  const language = trainLinear(languageSet(languages), { labels: languages, dim: LANGUAGE_DIM, epochs: 10, learningRate: 0.3 });
  reportLanguageDev(language);
  save('language', language);
  save('category', trainLinear(categorySet(CATEGORIES), { labels: [...CATEGORIES], dim: CATEGORY_DIM, epochs: 6, learningRate: 0.3 }));
  save('sentiment', trainSentiment('sentiment', sentimentSet));
  save('sentiment-en', trainSentiment('sentiment-en', englishSentimentSet));
  console.log(`trained in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

main();
