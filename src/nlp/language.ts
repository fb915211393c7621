// Language identification: scripts that belong to one language (or family) decide at once; Latin-script
// text goes to a logistic model over character 1–4-grams and short words, which copes with tweets.
import { hashRange, hashString } from './hash.js';
import { addLogits, argmax, softmaxInPlace, type LinearModel } from './linear-model.js';
import { emptyVector, push, scaleRange, type SparseVector } from './sparse.js';
import { languageText } from './tokenise.js';

export const UNDETERMINED = 'und';
const SEED_LANG_CHAR = 0x10;
const SEED_LANG_WORD = 0x20;
const MAX_LANGUAGE_CHARS = 600;

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
const LATIN_RE = /\p{Script=Latin}/gu;
const NON_LATIN_LETTER_RE = /(?!\p{Script=Latin})\p{L}/gu;

/** Character n-grams of the letters only, with word boundaries marked, so @handles and links do not vote. */
export function languageFeatures(text: string, into: SparseVector = emptyVector(512)): SparseVector {
  into.size = 0;
  const clean = languageText(text.length > MAX_LANGUAGE_CHARS ? text.slice(0, MAX_LANGUAGE_CHARS) : text);
  for (const word of clean.split(' ')) {
    if (!word) continue;
    const w = ` ${word} `;
    push(into, hashString(w, SEED_LANG_WORD), 1);
    for (let n = 1; n <= 4; n++) {
      for (let i = 0; i + n <= w.length; i++) push(into, hashRange(w, i, i + n, SEED_LANG_CHAR + n), 1);
    }
  }
  if (into.size > 0) scaleRange(into, 0, 1 / Math.sqrt(into.size));
  return into;
}

export function scriptLanguage(text: string): string | undefined {
  const latin = text.match(LATIN_RE)?.length ?? 0;
  const other = text.match(NON_LATIN_LETTER_RE)?.length ?? 0;
  if (other === 0 || other < latin) return undefined;
  for (const [re, lang] of SCRIPTS) if (re.test(text)) return lang;
  return UNDETERMINED;
}

const buffer = emptyVector(1024);

export function detectWith(model: LinearModel, text: string): { language: string; confidence: number } {
  const byScript = scriptLanguage(text);
  if (byScript) return { language: byScript, confidence: byScript === UNDETERMINED ? 0 : 0.99 };
  const x = languageFeatures(text, buffer);
  if (x.size === 0) return { language: UNDETERMINED, confidence: 0 };
  const p = new Float64Array(model.labels.length);
  addLogits(model, x, p);
  softmaxInPlace(p);
  const best = argmax(p);
  return { language: model.labels[best] ?? UNDETERMINED, confidence: p[best] ?? 0 };
}
