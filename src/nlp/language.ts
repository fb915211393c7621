// Language identification: scripts that belong to one language (or family) decide at once; Latin-script
// text goes to a logistic model over character 2–3-grams and whole words, which copes with tweets.
import { hashRange, hashString } from './hash.js';
import { addLogits, argmax, softmaxInPlace, type LinearModel } from './linear-model.js';
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

const wordGrams = memoByToken((word: string): Uint32Array | null => {
  if (word === RETWEET || !LETTERS_RE.test(word)) return null;
  const w = ` ${word} `;
  const grams: number[] = [hashString(w, SEED_LANG_WORD)];
  for (let n = 2; n <= 3; n++) {
    for (let i = 0; i + n <= w.length; i++) grams.push(hashRange(w, i, i + n, SEED_LANG_CHAR + n));
  }
  return Uint32Array.from(grams);
});

export function languageFeatures(text: string, into: SparseVector = emptyVector(512)): SparseVector {
  return languageFeaturesOf(tokenise(text.length > MAX_LANGUAGE_CHARS ? text.slice(0, MAX_LANGUAGE_CHARS) : text), into);
}

/**
 * Character 2–3-grams and whole words of the word tokens only, with word boundaries marked, so
 * @handles, links, numbers and emoji do not vote. Takes the tokens classify() has already made.
 */
export function languageFeaturesOf(tokens: string[], into: SparseVector = emptyVector(512)): SparseVector {
  into.size = 0;
  let chars = 0;
  for (const word of tokens) {
    if (chars > MAX_LANGUAGE_CHARS) break;
    const grams = wordGrams(word);
    if (!grams) continue;
    chars += word.length + 1;
    for (const g of grams) push(into, g, 1);
  }
  if (into.size > 0) scaleRange(into, 0, 1 / Math.sqrt(into.size));
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

const buffer = emptyVector(1024);

export function detectWith(
  model: LinearModel,
  text: string,
  tokens?: string[],
): { language: string; confidence: number } {
  const byScript = scriptLanguage(text);
  if (byScript) return { language: byScript, confidence: byScript === UNDETERMINED ? 0 : 0.99 };
  const x = tokens ? languageFeaturesOf(tokens, buffer) : languageFeatures(text, buffer);
  if (x.size === 0) return { language: UNDETERMINED, confidence: 0 };
  const p = new Float64Array(model.labels.length);
  addLogits(model, x, p);
  softmaxInPlace(p);
  const best = argmax(p);
  return { language: model.labels[best] ?? UNDETERMINED, confidence: p[best] ?? 0 };
}
