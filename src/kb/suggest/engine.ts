import { stem } from '../../listening/stem.js';
import { contentWords, splitCompound, wordGrams } from './analyse.js';
import { addTo, Bm25Index, type TermBag } from './bm25.js';

export type KbLanguage = 'de' | 'en';

/** Something an agent or the bot may answer with: an article, or a past agent answer. */
export interface SuggestionDocument {
  id: string;
  language: KbLanguage;
  title: string;
  tags: readonly string[];
  /** Questions the document answers (an article's example questions, a past answer's customer question). */
  questions: readonly string[];
  body: string;
}

export interface Match<D extends SuggestionDocument = SuggestionDocument> {
  doc: D;
  /** Relevance, 0..1: the share of the query's information that the document matches. */
  score: number;
  /** Estimated probability that this is the document the customer needs. */
  confidence: number;
}

export interface SearchOptions {
  /** Documents in this language rank first among near ties. */
  language?: KbLanguage;
  limit?: number;
}

export interface EngineWeights {
  words: number;
  grams: number;
  questions: number;
}

// Field weights: a word in the title or an example question says more about what a document
// answers than the same word somewhere in its body.
const FIELD = { title: 3, tags: 2, questions: 1.5, body: 1 } as const;
// Chosen on the same held-out Banking77 training questions; the mix matters less than having all three.
export const DEFAULT_WEIGHTS: EngineWeights = { words: 0.45, grams: 0.25, questions: 0.3 };
const OTHER_LANGUAGE = 0.85;
const MAX_GRAM_SHARE = 0.25;

// Fitted by logistic regression on Banking77 training questions that were not used to write the
// evaluation articles, the bias set for 95 % precision at the bot's default confidence there (see
// scripts/eval-kb.ts --calibrate); the German set is only ever measured. Weights in the order of
// the features built in rank().
const CALIBRATION: readonly number[] = [0.0931, 4.2574, 3.5376, 8.4776, 2.4457, 3.179, -3.992];
const CALIBRATION_BIAS = -1.3548;

/** An in-memory retrieval index over one workspace's documents; immutable once built. */
export class SuggestionEngine<D extends SuggestionDocument = SuggestionDocument> {
  private readonly words = new Bm25Index();
  private readonly grams = new Bm25Index();
  private readonly questions = new Bm25Index();
  private readonly questionDoc: number[] = [];
  private readonly vocabulary = new Set<string>();
  private readonly buildMemo = new Map<string, WordAnalysis>();

  constructor(
    readonly docs: readonly D[],
    private readonly weights: EngineWeights = DEFAULT_WEIGHTS,
  ) {
    for (const doc of docs) {
      for (const text of [doc.title, ...doc.tags, ...doc.questions, doc.body]) {
        for (const w of contentWords(text)) this.vocabulary.add(stem(w));
      }
    }
    const known = (s: string): boolean => this.vocabulary.has(s);
    docs.forEach((doc, i) => {
      const wordBag: TermBag = new Map();
      const gramBag: TermBag = new Map();
      const fields: [readonly string[], number][] = [
        [[doc.title], FIELD.title],
        [doc.tags, FIELD.tags],
        [doc.questions, FIELD.questions],
        [[doc.body], FIELD.body],
      ];
      for (const [texts, weight] of fields) {
        for (const text of texts) this.addText(text, weight, wordBag, gramBag, known);
      }
      this.words.add(wordBag);
      // A channel weighted zero (the plain-BM25 baseline of the evaluation) is not built at all.
      if (this.weights.grams > 0) this.grams.add(gramBag);
      if (this.weights.questions === 0) return;
      for (const q of [doc.title, ...doc.questions]) {
        const bag: TermBag = new Map();
        this.addText(q, 1, bag, bag, known);
        this.questions.add(bag);
        this.questionDoc.push(i);
      }
    });
    this.words.finish();
    this.grams.finish();
    this.questions.finish();
    this.buildMemo.clear();
  }

  private addText(text: string, weight: number, wordBag: TermBag, gramBag: TermBag, known: (s: string) => boolean): void {
    for (const word of contentWords(text)) {
      // Articles repeat their words: each distinct word is analysed once per build.
      let analysis = this.buildMemo.get(word);
      if (!analysis) {
        analysis = analyseWord(word, known);
        this.buildMemo.set(word, analysis);
      }
      for (const t of analysis.terms) addTo(wordBag, t, weight);
      for (const g of analysis.grams) addTo(gramBag, g, weight);
    }
  }

  search(text: string, options: SearchOptions = {}): Match<D>[] {
    return this.rank(text, options).map(({ i, score, features }) => ({ doc: this.docs[i] as D, score, confidence: confidenceOf(features) }));
  }

  /** What the confidence of the best match is computed from, with that match's id (for fitting it). */
  confidenceFeatures(text: string, options: SearchOptions = {}): { id: string; features: number[] } | undefined {
    const first = this.rank(text, options)[0];
    return first && { id: (this.docs[first.i] as D).id, features: first.features };
  }

  private rank(text: string, options: SearchOptions): Ranked[] {
    const n = this.docs.length;
    if (n === 0) return [];
    const known = (s: string): boolean => this.vocabulary.has(s);
    const terms: string[] = [];
    const grams: string[] = [];
    let letters = 0;
    let words = 0;
    let knownWords = 0;
    for (const word of contentWords(text)) {
      letters += word.length;
      words++;
      const analysis = analyseWord(word, known);
      if (analysis.terms.some(known)) knownWords++;
      terms.push(...analysis.terms);
      grams.push(...analysis.grams);
    }
    if (terms.length === 0 && grams.length === 0) return [];

    const acc = new Float64Array(n);
    const touched: number[] = [];
    this.words.score(terms, this.weights.words, acc, touched);
    this.grams.score(grams, this.weights.grams, acc, touched, MAX_GRAM_SHARE);

    // The best-matching single question of each document: one close paraphrase of the customer's
    // question is stronger evidence than many words scattered over a long article.
    const qAcc = new Float64Array(this.questions.size);
    const qTouched: number[] = [];
    this.questions.score([...terms, ...grams], this.weights.questions > 0 ? 1 : 0, qAcc, qTouched, MAX_GRAM_SHARE);
    const best = new Float64Array(n);
    for (const q of qTouched) {
      const doc = this.questionDoc[q] ?? 0;
      best[doc] = Math.max(best[doc] ?? 0, qAcc[q] ?? 0);
    }
    for (const q of qTouched) {
      const doc = this.questionDoc[q] ?? 0;
      if (acc[doc] === 0) touched.push(doc);
    }

    // Keep only the best few while scanning: sorting every touched document would cost more than scoring them.
    const keep = Math.max(2, options.limit ?? 5);
    const top: { i: number; score: number }[] = [];
    const seen = new Uint8Array(n);
    for (const i of touched) {
      if (seen[i]) continue;
      seen[i] = 1;
      let score = (acc[i] ?? 0) + this.weights.questions * (best[i] ?? 0);
      if (options.language && this.docs[i]?.language !== options.language) score *= OTHER_LANGUAGE;
      if (top.length === keep && score <= (top[keep - 1]?.score ?? 0)) continue;
      let at = top.length;
      while (at > 0 && (top[at - 1]?.score ?? 0) < score) at--;
      top.splice(at, 0, { i, score });
      if (top.length > keep) top.pop();
    }
    const next = top[1]?.score ?? 0;
    // A question of one or two words is ambiguous however well it matches; a long one that matches
    // well is not. Its length is counted in letters, since a German compound says as much as
    // several English words (six letters count as one word here).
    const asked = Math.log(1 + letters / 6);
    // The share of the question's words the knowledge base uses: it tells a match that is weak
    // because the customer's words are unknown here from one whose words point elsewhere.
    const familiar = knownWords / Math.max(1, words);
    top.length = Math.min(top.length, options.limit ?? 5);
    // Only the best match has a lead, in absolute terms and as a share of its score (a close second
    // is a doubt whatever the scale; the share is weighed by the best example question's match, or
    // a lone weak match would lead by 100 %); below it a match is judged by its own evidence. Every
    // feature vanishes with the score, so a weak match is never confident, however few documents compete.
    return top.map(({ i, score }, rank) => {
      const lead = rank === 0 ? score - next : 0;
      const margin = rank === 0 && score > 0 ? lead / score : 0;
      return { i, score, features: [score, lead, score * asked, lead * asked, margin * (best[i] ?? 0), best[i] ?? 0, score * familiar] };
    });
  }
}

interface Ranked {
  i: number;
  score: number;
  features: number[];
}

/** Probability that a match is right: a logistic function of its features (see rank). */
function confidenceOf(features: readonly number[]): number {
  const z = features.reduce((sum, x, k) => sum + x * (CALIBRATION[k] ?? 0), CALIBRATION_BIAS);
  return 1 / (1 + Math.exp(-z));
}

interface WordAnalysis {
  terms: string[];
  grams: string[];
}

/** A word's stem, both parts when it is a compound the index knows the parts of, and its character grams. */
function analyseWord(word: string, known: (s: string) => boolean): WordAnalysis {
  const terms = [stem(word)];
  const parts = splitCompound(word, known);
  if (parts) terms.push(parts[0], parts[1]);
  const grams: string[] = [];
  wordGrams(word, grams);
  return { terms, grams };
}
