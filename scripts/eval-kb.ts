// `npm run eval -- kb [--json] [--calibrate]`: the knowledge-base evaluation. Builds the suggestion
// engine over articles written from Banking77 intents (scripts/kb-eval) and over the project's own
// German set, asks every test question, and prints top-1/top-3 accuracy and the bot's answer rate and
// precision at its default confidence, beside a plain word-BM25 baseline measured in the same run.
// --calibrate refits the confidence on Banking77 *training* questions the articles do not contain and
// prints the weights with the figures the current engine reaches on those questions.
import { readFileSync } from 'node:fs';
import { DEFAULT_BOT_CONFIDENCE } from '../src/kb/bot/bot-settings.js';
import { DEFAULT_WEIGHTS, SuggestionEngine, type EngineWeights, type SuggestionDocument } from '../src/kb/suggest/engine.js';
import { banking77 } from './nlp-data.js';
import { round } from './nlp-metrics.js';
import type { EvalArticle } from './kb-eval/write-banking77-articles.js';
import { GERMAN_ARTICLES } from './kb-eval/german-articles.js';
import { GERMAN_QUESTIONS } from './kb-eval/german-questions.js';

interface Asked {
  text: string;
  expected: string;
}

const WORDS_ONLY: EngineWeights = { words: 1, grams: 0, questions: 0 };

function documents(articles: readonly EvalArticle[], language: 'de' | 'en'): SuggestionDocument[] {
  return articles.map((a) => ({ ...a, language }));
}

function evaluate(engine: SuggestionEngine, asked: readonly Asked[], language: 'de' | 'en') {
  let top1 = 0;
  let top3 = 0;
  let answered = 0;
  let answeredRight = 0;
  const judged: { confidence: number; right: boolean }[] = [];
  for (const q of asked) {
    const matches = engine.search(q.text, { language, limit: 3 });
    const ids = matches.map((m) => m.doc.id);
    if (ids[0] === q.expected) top1++;
    if (ids.includes(q.expected)) top3++;
    const best = matches[0];
    judged.push({ confidence: best?.confidence ?? 0, right: best?.doc.id === q.expected });
    if (best && best.confidence >= DEFAULT_BOT_CONFIDENCE) {
      answered++;
      if (best.doc.id === q.expected) answeredRight++;
    }
  }
  const n = Math.max(1, asked.length);
  return {
    top1: top1 / n,
    top3: top3 / n,
    answerRate: answered / n,
    precision: answered ? answeredRight / answered : 0,
    answerRateAtTarget: answerRateAt(judged, TARGET_PRECISION),
  };
}

/**
 * The largest share of questions the bot could answer at `precision` with the best threshold: how
 * well the confidence separates right from wrong answers, apart from where the default threshold sits.
 */
function answerRateAt(judged: readonly { confidence: number; right: boolean }[], precision: number): number {
  const ordered = [...judged].sort((a, b) => b.confidence - a.confidence);
  let right = 0;
  let best = 0;
  ordered.forEach((j, i) => {
    if (j.right) right++;
    if (right / (i + 1) >= precision) best = (i + 1) / ordered.length;
  });
  return best;
}

/**
 * Logistic regression of "the best match is right" on the engine's confidence features, fitted by
 * Newton's method with a little ridge so that features that say the same do not swing apart. A
 * logistic fit is right on average, not at the bot's threshold, so the bias is then set to the
 * highest value at which the bot's precision on these questions at its default confidence reaches
 * the target.
 */
function calibrate(engine: SuggestionEngine, asked: readonly Asked[]): { weights: number[]; bias: number } {
  const rows = asked.flatMap((q) => {
    const m = engine.confidenceFeatures(q.text, { language: 'en', limit: 2 });
    return m ? [{ x: [...m.features, 1], y: m.id === q.expected ? 1 : 0 }] : [];
  });
  const k = rows[0]?.x.length ?? 1;
  let w: number[] = new Array<number>(k).fill(0);
  for (let iteration = 0; iteration < 50; iteration++) {
    const grad: number[] = w.map((v, i) => (i < k - 1 ? RIDGE * v : 0));
    const hess: number[][] = w.map((_, i) => w.map((__, j) => (i === j && i < k - 1 ? RIDGE : 0)));
    for (const r of rows) {
      const p = 1 / (1 + Math.exp(-r.x.reduce((s, x, i) => s + x * (w[i] ?? 0), 0)));
      r.x.forEach((xi, i) => {
        grad[i] = (grad[i] ?? 0) + (p - r.y) * xi;
        r.x.forEach((xj, j) => {
          const row = hess[i];
          if (row) row[j] = (row[j] ?? 0) + p * (1 - p) * xi * xj;
        });
      });
    }
    const step = solve(hess, grad);
    w = w.map((v, i) => v - (step[i] ?? 0));
    if (step.every((d) => Math.abs(d) < 1e-9)) break;
  }
  const weights = w.slice(0, -1).map(round);
  const logits = rows.map((r) => ({ z: weights.reduce((s, v, i) => s + v * (r.x[i] ?? 0), 0), y: r.y }));
  const threshold = Math.log(DEFAULT_BOT_CONFIDENCE / (1 - DEFAULT_BOT_CONFIDENCE));
  // From well above the fitted bias down to the first that keeps the target: the most answers that do.
  let bias = round((w[k - 1] ?? 0) + BIAS_SEARCH);
  while (precisionAt(logits, threshold - bias) < TARGET_PRECISION) bias = round(bias - 0.01);
  return { weights, bias };
}

const TARGET_PRECISION = 0.95;
const BIAS_SEARCH = 3;

/** Precision of the answers whose logit (without bias) reaches `cut`; 1 when nothing is answered. */
function precisionAt(rows: readonly { z: number; y: number }[], cut: number): number {
  const answered = rows.filter((r) => r.z >= cut);
  return answered.length ? answered.reduce((s, r) => s + r.y, 0) / answered.length : 1;
}

const RIDGE = 1;

/** Solves a small dense linear system by Gaussian elimination with partial pivoting. */
function solve(a: number[][], b: number[]): number[] {
  const m = a.map((row, i) => [...row, b[i] ?? 0]);
  const n = b.length;
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]?.[c] ?? 0) > Math.abs(m[pivot]?.[c] ?? 0)) pivot = r;
    [m[c], m[pivot]] = [m[pivot] ?? [], m[c] ?? []];
    const top = m[c] ?? [];
    for (let r = 0; r < n; r++) {
      const row = m[r];
      if (r === c || !row) continue;
      const f = (row[c] ?? 0) / (top[c] ?? 1);
      for (let j = c; j <= n; j++) row[j] = (row[j] ?? 0) - f * (top[j] ?? 0);
    }
  }
  return m.map((row, i) => (row[n] ?? 0) / (row[i] ?? 1));
}

export function runKbEval(args: readonly string[]): void {
  const json = args.includes('--json');
  const articles = JSON.parse(readFileSync(new URL('./kb-eval/banking77-articles.json', import.meta.url), 'utf8')) as EvalArticle[];
  const english = documents(articles, 'en');
  const engine = new SuggestionEngine(english);

  if (args.includes('--calibrate')) {
    const used = new Set(articles.flatMap((a) => a.questions));
    const heldOut = banking77('train').filter((r) => !used.has(r.text)).map((r) => ({ text: r.text, expected: r.label }));
    console.log(JSON.stringify({ ...calibrate(engine, heldOut), heldOut: evaluate(engine, heldOut, 'en') }));
    return;
  }

  const test = banking77('test').map((r) => ({ text: r.text, expected: r.label }));
  const started = performance.now();
  const en = evaluate(engine, test, 'en');
  const msPerQuestion = (performance.now() - started) / test.length;
  const enBase = evaluate(new SuggestionEngine(english, WORDS_ONLY), test, 'en');

  const german = documents(GERMAN_ARTICLES, 'de');
  const de = evaluate(new SuggestionEngine(german, DEFAULT_WEIGHTS), GERMAN_QUESTIONS, 'de');
  const deBase = evaluate(new SuggestionEngine(german, WORDS_ONLY), GERMAN_QUESTIONS, 'de');

  const figures = {
    banking77Top1: round(en.top1),
    banking77Top3: round(en.top3),
    botAnswerRate: round(en.answerRate),
    botPrecision: round(en.precision),
    botAnswerRateAt95: round(en.answerRateAtTarget),
    banking77Top1Bm25Words: round(enBase.top1),
    banking77Top3Bm25Words: round(enBase.top3),
    botAnswerRateBm25Words: round(enBase.answerRate),
    botPrecisionBm25Words: round(enBase.precision),
    botAnswerRateAt95Bm25Words: round(enBase.answerRateAtTarget),
    germanTop1: round(de.top1),
    germanTop3: round(de.top3),
    germanBotAnswerRate: round(de.answerRate),
    germanBotPrecision: round(de.precision),
    germanBotAnswerRateAt95: round(de.answerRateAtTarget),
    germanTop1Bm25Words: round(deBase.top1),
    germanTop3Bm25Words: round(deBase.top3),
    germanBotAnswerRateBm25Words: round(deBase.answerRate),
    germanBotPrecisionBm25Words: round(deBase.precision),
    germanBotAnswerRateAt95Bm25Words: round(deBase.answerRateAtTarget),
    botConfidenceThreshold: DEFAULT_BOT_CONFIDENCE,
    banking77Articles: articles.length,
    banking77Questions: test.length,
    germanArticles: GERMAN_ARTICLES.length,
    germanQuestions: GERMAN_QUESTIONS.length,
    msPerQuestion: round(msPerQuestion),
  };
  if (!json) for (const [k, v] of Object.entries(figures)) console.log(`${k.padEnd(32)} ${v}`);
  console.log(JSON.stringify(figures));
}
