// `npm run eval [-- --json]`: measures the shipped models on the public evaluation sets and prints,
// as its last line, one JSON object of figures (0..1), each beside the majority-class baseline of
// the same set computed in this run. `npm run eval -- kb [--json]` evaluates the knowledge-base
// suggestions instead (scripts/eval-kb.ts).
import { classify, detectLanguage, trainAdaptation, type Adaptation, type Sentiment } from '../src/nlp/index.js';
import { textFeatures } from '../src/nlp/features.js';
import { SENTIMENTS } from '../src/nlp/labels.js';
import { addLogits, argmax } from '../src/nlp/linear-model.js';
import { trainLinear } from '../src/nlp/train-linear.js';
import { banking77, germeval, sb10k, tweeteval, type GermEvalRow } from './nlp-data.js';
import { DEUTSCHE_BAHN } from './nlp-brand-db.js';
import { features } from './nlp-training-sets.js';
import { runKbEval } from './eval-kb.js';
import { accuracy, macroF1, macroRecall, majorityBaseline, round } from './nlp-metrics.js';

const json = process.argv.includes('--json');
const figures: Record<string, number> = {};
const log = (line: string): void => {
  if (!json) console.log(line);
};

function record(key: string, value: number, majority: number): void {
  figures[key] = round(value);
  figures[`${key}Majority`] = round(majority);
  log(`${key.padEnd(34)} ${value.toFixed(4)}   (majority ${majority.toFixed(4)})`);
}

function germevalFigures(rows: GermEvalRow[], name: 'Syn' | 'Dia', adaptation: Adaptation | undefined, suffix: string): void {
  const results = rows.map((r) => classify(r.text, { brand: DEUTSCHE_BAHN, adaptation }));
  const sentimentGold = rows.map((r) => r.sentiment);
  const relevanceGold = rows.map((r) => r.relevant);
  record(`germevalSentiment${name}${suffix}`, accuracy(sentimentGold, results.map((c) => c.sentiment)), majorityBaseline(sentimentGold));
  record(`germevalRelevance${name}${suffix}`, accuracy(relevanceGold, results.map((c) => c.relevant)), majorityBaseline(relevanceGold));
}

function germevalAll(): void {
  const syn = germeval('test_syn');
  const dia = germeval('test_dia');
  germevalFigures(syn, 'Syn', undefined, '');
  germevalFigures(dia, 'Dia', undefined, '');
  // GermEval dev stands in for a workspace's own corrected conversations; it never reaches a shipped model.
  const dev = germeval('dev');
  const adaptation = trainAdaptation(
    dev.flatMap((r) => [
      { text: r.text, field: 'sentiment' as const, label: r.sentiment },
      { text: r.text, field: 'relevant' as const, label: String(r.relevant) },
    ]),
    { brand: DEUTSCHE_BAHN },
  );
  germevalFigures(syn, 'Syn', adaptation, 'Adapted');
  germevalFigures(dia, 'Dia', adaptation, 'Adapted');
}

function sentimentSets(): void {
  const test = sb10k('test');
  const gold = test.map((r) => r.label);
  const predicted = test.map((r) => classify(r.text).sentiment);
  record('sb10kMacroF1', macroF1(gold, predicted, SENTIMENTS), macroF1(gold, gold.map(() => majorityLabel(gold)), SENTIMENTS));
  record('sb10kAccuracy', accuracy(gold, predicted), majorityBaseline(gold));
  const tweets = tweeteval('test');
  const tGold = tweets.map((r) => r.label);
  const tPred = tweets.map((r) => classify(r.text).sentiment);
  record('tweetevalMacroRecall', macroRecall(tGold, tPred, SENTIMENTS), macroRecall(tGold, tGold.map(() => majorityLabel(tGold)), SENTIMENTS));
}

function majorityLabel(gold: Sentiment[]): Sentiment {
  const counts = SENTIMENTS.map((s) => gold.filter((g) => g === s).length);
  return SENTIMENTS[counts.indexOf(Math.max(...counts))] ?? 'neutral';
}

/** Intent routing check: the same features and learner, trained here on Banking77 train only. */
function banking(): void {
  const train = banking77('train');
  const test = banking77('test');
  const labels = [...new Set(train.map((r) => r.label))];
  const model = trainLinear(
    train.map((r) => ({ x: features(r.text), label: labels.indexOf(r.label) })),
    { labels, dim: 1 << 18, epochs: 12, learningRate: 0.3 },
  );
  const predicted = test.map((r) => {
    const logits = new Float64Array(labels.length);
    addLogits(model, textFeatures(r.text).vector, logits);
    return labels[argmax(logits)];
  });
  const gold = test.map((r) => r.label);
  record('banking77Accuracy', accuracy(gold, predicted), majorityBaseline(gold));
}

function languageId(): void {
  const sets: [string, string[]][] = [
    ['de', sb10k('test').map((r) => r.text)],
    ['de', [...germeval('test_syn'), ...germeval('test_dia')].map((r) => r.text)],
    ['en', banking77('test').map((r) => r.text)],
    ['en', tweeteval('test').map((r) => r.text)],
  ];
  const gold: string[] = [];
  const predicted: string[] = [];
  for (const [lang, texts] of sets) {
    const got = texts.map((t) => detectLanguage(t).language);
    log(`  language ${lang}: ${accuracy(texts.map(() => lang), got).toFixed(4)} of ${texts.length}`);
    gold.push(...texts.map(() => lang));
    predicted.push(...got);
  }
  record('languageIdAccuracy', accuracy(gold, predicted), majorityBaseline(gold));
}

if (process.argv.slice(2).includes('kb')) {
  runKbEval(process.argv.slice(2));
} else {
  germevalAll();
  sentimentSets();
  banking();
  languageId();
  console.log(JSON.stringify(figures));
}
