// `npm run eval -- kb [--json] [--calibrate]`: the knowledge-base evaluation. Builds the suggestion
// engine over articles written from Banking77 intents (scripts/kb-eval) and over the project's own
// German set, asks every test question, and prints top-1/top-3 accuracy and the bot's answer rate and
// precision at its default confidence, beside a plain word-BM25 baseline measured in the same run.
// --calibrate refits the confidence on Banking77 *training* questions the articles do not contain.
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
  for (const q of asked) {
    const matches = engine.search(q.text, { language, limit: 3 });
    const ids = matches.map((m) => m.doc.id);
    if (ids[0] === q.expected) top1++;
    if (ids.includes(q.expected)) top3++;
    const best = matches[0];
    if (best && best.confidence >= DEFAULT_BOT_CONFIDENCE) {
      answered++;
      if (best.doc.id === q.expected) answeredRight++;
    }
  }
  const n = Math.max(1, asked.length);
  return { top1: top1 / n, top3: top3 / n, answerRate: answered / n, precision: answered ? answeredRight / answered : 0 };
}

/** Logistic regression of "the best match is right" on the best score and its margin. */
function calibrate(engine: SuggestionEngine, asked: readonly Asked[]): { top: number; margin: number; bias: number } {
  const rows = asked.map((q) => {
    const m = engine.search(q.text, { language: 'en', limit: 2 });
    const top = m[0]?.score ?? 0;
    return { x: [top, top - (m[1]?.score ?? 0), 1], y: m[0]?.doc.id === q.expected ? 1 : 0 };
  });
  const w = [0, 0, 0];
  for (let epoch = 0; epoch < 3000; epoch++) {
    const grad = [0, 0, 0];
    for (const r of rows) {
      const z = r.x.reduce((s, x, i) => s + x * (w[i] ?? 0), 0);
      const err = 1 / (1 + Math.exp(-z)) - r.y;
      r.x.forEach((x, i) => (grad[i] = (grad[i] ?? 0) + err * x));
    }
    w.forEach((_, i) => (w[i] = (w[i] ?? 0) - (2 * (grad[i] ?? 0)) / rows.length));
  }
  return { top: round(w[0] ?? 0), margin: round(w[1] ?? 0), bias: round(w[2] ?? 0) };
}

export function runKbEval(args: readonly string[]): void {
  const json = args.includes('--json');
  const articles = JSON.parse(readFileSync(new URL('./kb-eval/banking77-articles.json', import.meta.url), 'utf8')) as EvalArticle[];
  const english = documents(articles, 'en');
  const engine = new SuggestionEngine(english);

  if (args.includes('--calibrate')) {
    const used = new Set(articles.flatMap((a) => a.questions));
    const heldOut = banking77('train').filter((r) => !used.has(r.text)).map((r) => ({ text: r.text, expected: r.label }));
    console.log(JSON.stringify(calibrate(engine, heldOut)));
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
    banking77Top1Bm25Words: round(enBase.top1),
    banking77Top3Bm25Words: round(enBase.top3),
    botAnswerRateBm25Words: round(enBase.answerRate),
    botPrecisionBm25Words: round(enBase.precision),
    germanTop1: round(de.top1),
    germanTop3: round(de.top3),
    germanBotAnswerRate: round(de.answerRate),
    germanBotPrecision: round(de.precision),
    germanTop1Bm25Words: round(deBase.top1),
    germanTop3Bm25Words: round(deBase.top3),
    germanBotAnswerRateBm25Words: round(deBase.answerRate),
    germanBotPrecisionBm25Words: round(deBase.precision),
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
