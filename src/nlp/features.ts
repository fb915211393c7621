// Hashed features shared by every text classifier: computed once per message and reused by the
// sentiment, category and relevance models. Two groups with separate scaling:
//  - universal: lexicon polarity, emoji, punctuation, links — they mean the same in every language;
//  - lexical: word unigrams/bigrams and character 4-grams inside words (robust to German compounds
//    and typos), scaled to unit length so long and short texts weigh alike. One n-gram size only:
//    every feature is a memory access per model, and that, not arithmetic, bounds throughput.
import { combine, hashRange, hashString } from './hash.js';
import { isNegator, polarityOf } from './sentiment-lexicon.js';
import { memoByToken } from './memo.js';
import { emptyVector, push, scaleRange, type SparseVector } from './sparse.js';
import { tokenise } from './tokenise.js';

/** Long articles say what they are about early; reading further costs time and adds little. */
const MAX_FEATURE_CHARS = 300;

const SEED_UNIVERSAL = 0x01;
const SEED_WORD = 0x02;
const SEED_BIGRAM = 0x03;
const SEED_CHAR = 0x04;

const F_POS = hashString('lex:pos', SEED_UNIVERSAL);
const F_NEG = hashString('lex:neg', SEED_UNIVERSAL);
const F_NEGATED_POS = hashString('lex:negated-pos', SEED_UNIVERSAL);
const F_NEGATED_NEG = hashString('lex:negated-neg', SEED_UNIVERSAL);
const F_ANY_POS = hashString('lex:any-pos', SEED_UNIVERSAL);
const F_ANY_NEG = hashString('lex:any-neg', SEED_UNIVERSAL);
const F_ONLY_POS = hashString('lex:only-pos', SEED_UNIVERSAL);
const F_ONLY_NEG = hashString('lex:only-neg', SEED_UNIVERSAL);
const F_NO_LEX = hashString('lex:none', SEED_UNIVERSAL);
const F_SHORT = hashString('len:short', SEED_UNIVERSAL);
const F_LONG = hashString('len:long', SEED_UNIVERSAL);

const NEGATION_WINDOW = 3;
const UNIVERSAL_BUDGET = 8;
const LETTER_RE = /\p{L}/u;

export interface TextFeatures {
  tokens: string[];
  vector: SparseVector;
  /** vector[0, universalSize) holds the language-neutral group. */
  universalSize: number;
}

export function featureTokens(text: string): string[] {
  return tokenise(text.length > MAX_FEATURE_CHARS ? text.slice(0, MAX_FEATURE_CHARS) : text);
}

export function textFeatures(text: string, into: SparseVector = emptyVector(), tokens = featureTokens(text)): TextFeatures {
  const v = into;
  v.size = 0;
  // One lookup per token, shared by both groups.
  if (known.length < tokens.length) known = new Array<TokenFeatures>(tokens.length * 2);
  for (let i = 0; i < tokens.length; i++) known[i] = tokenFeatures(tokens[i] ?? '');
  addUniversal(known, tokens.length, v);
  const universalSize = v.size;
  // Tweets carry a handful of these; a long article would pile up polarity words and read as extreme.
  if (universalSize > UNIVERSAL_BUDGET) scaleRange(v, 0, Math.sqrt(UNIVERSAL_BUDGET / universalSize));
  addLexical(known, tokens.length, v);
  const lexical = v.size - universalSize;
  if (lexical > 0) scaleRange(v, universalSize, 1 / Math.sqrt(lexical));
  return { tokens, vector: v, universalSize };
}

/** Everything about a token that does not depend on its neighbours, computed once per distinct token. */
interface TokenFeatures {
  /** Hash as a language-neutral feature (emoji, punctuation, links), or undefined for words. */
  universal: number | undefined;
  word: number;
  charGrams: Uint32Array;
  polarity: -1 | 0 | 1;
  negator: boolean;
}

const CHAR_GRAM = 4;
const NO_GRAMS = new Uint32Array(0);

const tokenFeatures = memoByToken((t: string): TokenFeatures => {
  const letter = LETTER_RE.test(t);
  let charGrams = NO_GRAMS;
  if (letter && t.length >= CHAR_GRAM) {
    const w = `<${t}>`;
    charGrams = new Uint32Array(w.length - CHAR_GRAM + 1);
    for (let i = 0; i < charGrams.length; i++) charGrams[i] = hashRange(w, i, i + CHAR_GRAM, SEED_CHAR);
  }
  const negator = isNegator(t);
  return {
    universal: letter ? undefined : hashString(t, SEED_UNIVERSAL),
    word: hashString(t, SEED_WORD),
    charGrams,
    polarity: negator ? 0 : polarityOf(t),
    negator,
  };
});

/** Reused across messages: what tokenFeatures() says about each token of the current one. */
let known: TokenFeatures[] = [];

function addUniversal(tokens: TokenFeatures[], count: number, v: SparseVector): void {
  let pos = 0;
  let neg = 0;
  let lastNegator = -NEGATION_WINDOW - 1;
  for (let i = 0; i < count; i++) {
    const f = tokens[i]!;
    if (f.universal !== undefined) push(v, f.universal, 1);
    if (f.negator) {
      lastNegator = i;
      continue;
    }
    const p = f.polarity;
    if (p === 0) continue;
    const negated = i - lastNegator <= NEGATION_WINDOW;
    if (p > 0) {
      push(v, negated ? F_NEGATED_POS : F_POS, 1);
      if (negated) neg++;
      else pos++;
    } else {
      push(v, negated ? F_NEGATED_NEG : F_NEG, 1);
      if (negated) pos += 0.5;
      else neg++;
    }
  }
  if (pos > 0) push(v, F_ANY_POS, 1);
  if (neg > 0) push(v, F_ANY_NEG, 1);
  if (pos > 0 && neg === 0) push(v, F_ONLY_POS, 1);
  if (neg > 0 && pos === 0) push(v, F_ONLY_NEG, 1);
  if (pos === 0 && neg === 0) push(v, F_NO_LEX, 1);
  if (count <= 4) push(v, F_SHORT, 1);
  if (count >= 60) push(v, F_LONG, 1);
}

const SENTENCE_START = hashString('<s>', SEED_WORD);

function addLexical(tokens: TokenFeatures[], count: number, v: SparseVector): void {
  let prev = SENTENCE_START;
  for (let i = 0; i < count; i++) {
    const f = tokens[i]!;
    push(v, f.word, 1);
    push(v, combine(prev, f.word ^ SEED_BIGRAM), 1);
    prev = f.word;
    for (const g of f.charGrams) push(v, g, 1);
  }
}
