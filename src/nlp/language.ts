// Language identification: scripts that belong to one language (or family) decide at once; Latin-script
// text goes to a logistic model over character 2–3-grams and whole words, which copes with tweets.
import { hashRange, hashString } from './hash.js';
import { argmax, softmaxInPlace, type LinearModel } from './linear-model.js';
import { memoByToken } from './memo.js';
import { emptyVector, push, scaleRange, type SparseVector } from './sparse.js';
import { tokenise } from './tokenise.js';

const UNDETERMINED = 'und';
const SEED_LANG_CHAR = 0x10;
const SEED_LANG_WORD = 0x20;
const MAX_LANGUAGE_CHARS = 100;

const SCRIPTS: [RegExp, string][] = [
  [/[\u3040-\u30ff]/u, 'ja'],
  [/[\uac00-\ud7af]/u, 'ko'],
  [/\p{Script=Han}/u, 'zh'],
  [/[іїєґ]/iu, 'uk'],
  [/\p{Script=Cyrillic}/u, 'ru'],
  [/\p{Script=Greek}/u, 'el'],
  [/\p{Script=Hebrew}/u, 'he'],
  [/\p{Script=Arabic}/u, 'ar'],
  [/\p{Script=Devanagari}/u, 'hi'],
  [/\p{Script=Thai}/u, 'th'],
];
const LATIN_LETTER_RE = /\p{Script=Latin}/u;
const LETTER_RE = /\p{L}/u;
const LATIN_BLOCK_END = 0x024f;

const LETTERS_RE = /^\p{L}[\p{L}\p{M}'’]*$/u;
const RETWEET = 'rt';

function wordGrams(word: string): number[] | null {
  if (word === RETWEET || !LETTERS_RE.test(word)) return null;
  const w = ` ${word} `;
  const grams: number[] = [hashString(w, SEED_LANG_WORD)];
  for (let n = 2; n <= 3; n++) {
    for (let i = 0; i + n <= w.length; i++) grams.push(hashRange(w, i, i + n, SEED_LANG_CHAR + n));
  }
  return grams;
}

/**
 * The model is linear and a word's features do not depend on its neighbours, so each distinct word's
 * share of the logits is summed once and remembered: a message then costs one lookup per word.
 */
const wordScorers = new WeakMap<LinearModel, (word: string) => Float32Array | null>();

/** What one word adds to each language's logit before the message's scaling, or null for a non-word. */
function wordScorer(model: LinearModel): (word: string) => Float32Array | null {
  let scorer = wordScorers.get(model);
  if (!scorer) {
    const k = model.labels.length;
    const stride = model.stride ?? k;
    const mask = model.dim - 1;
    scorer = memoByToken((word: string): Float32Array | null => {
      const grams = wordGrams(word);
      if (!grams) return null;
      const logits = new Float32Array(k);
      const value = 1 / Math.sqrt(grams.length);
      for (const g of grams) {
        const base = (g & mask) * stride;
        for (let c = 0; c < k; c++) logits[c] = (logits[c] ?? 0) + (model.weights[base + c] ?? 0) * value;
      }
      return logits;
    });
    wordScorers.set(model, scorer);
  }
  return scorer;
}

function sampleTokens(text: string): string[] {
  return tokenise(text.length > MAX_LANGUAGE_CHARS ? text.slice(0, MAX_LANGUAGE_CHARS) : text);
}

export function languageFeatures(text: string, into: SparseVector = emptyVector(512)): SparseVector {
  return languageFeaturesOf(sampleTokens(text), into);
}

/**
 * Character 2–3-grams and whole words of the word tokens only, with word boundaries marked, so
 * @handles, links, numbers and emoji do not vote. Each word's features are scaled to unit length and
 * the message by the square root of its word count: every word has the same say, so a long name does
 * not outvote a short function word ("to", "with", "und"). Takes the tokens classify() has already made.
 */
export function languageFeaturesOf(tokens: string[], into: SparseVector = emptyVector(512)): SparseVector {
  into.size = 0;
  let chars = 0;
  let words = 0;
  for (const word of tokens) {
    if (chars > MAX_LANGUAGE_CHARS) break;
    const grams = wordGrams(word);
    if (!grams) continue;
    chars += word.length + 1;
    words++;
    const value = 1 / Math.sqrt(grams.length);
    for (const g of grams) push(into, g, value);
  }
  if (words > 0) scaleRange(into, 0, 1 / Math.sqrt(words));
  return into;
}

/** A language from the writing system alone, when most letters are not Latin. */
export function scriptLanguage(text: string): string | undefined {
  const sample = text.length > MAX_LANGUAGE_CHARS ? text.slice(0, MAX_LANGUAGE_CHARS) : text;
  let latin = 0;
  let other = 0;
  for (const ch of sample) {
    const code = ch.codePointAt(0) ?? 0;
    // ASCII and Latin-1/Extended letters are the common case; the regexes only see the rest.
    if (code < 0x80) {
      if ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a) latin++;
    } else if (code <= LATIN_BLOCK_END || LATIN_LETTER_RE.test(ch)) {
      if (LETTER_RE.test(ch)) latin++;
    } else if (LETTER_RE.test(ch)) other++;
  }
  if (other === 0 || other < latin) return undefined;
  for (const [re, lang] of SCRIPTS) if (re.test(sample)) return lang;
  return UNDETERMINED;
}

export function detectWith(
  model: LinearModel,
  text: string,
  tokens?: string[],
): { language: string; confidence: number } {
  const byScript = scriptLanguage(text);
  if (byScript) return { language: byScript, confidence: byScript === UNDETERMINED ? 0 : 0.99 };
  const score = wordScorer(model);
  const k = model.labels.length;
  const p = new Float64Array(k);
  let words = 0;
  let chars = 0;
  // The same words and the same scaling as languageFeaturesOf, so the logits equal the model's.
  for (const word of tokens ?? sampleTokens(text)) {
    if (chars > MAX_LANGUAGE_CHARS) break;
    const logits = score(word);
    if (!logits) continue;
    chars += word.length + 1;
    words++;
    for (let c = 0; c < k; c++) p[c] = (p[c] ?? 0) + (logits[c] ?? 0);
  }
  if (words === 0) return { language: UNDETERMINED, confidence: 0 };
  const scale = 1 / Math.sqrt(words);
  for (let c = 0; c < k; c++) p[c] = (p[c] ?? 0) * scale + (model.bias[c] ?? 0);
  softmaxInPlace(p);
  const best = argmax(p);
  return { language: model.labels[best] ?? UNDETERMINED, confidence: p[best] ?? 0 };
}
