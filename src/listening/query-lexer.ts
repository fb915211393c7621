import { queryError } from './query-errors.js';

export const MAX_NEAR_DISTANCE = 50;

export type Lexeme =
  | { type: '(' | ')' | 'AND' | 'OR' | 'NOT' | 'end'; pos: number }
  | { type: 'near'; pos: number; text: string; distance: number; ordered: boolean }
  | { type: 'phrase'; pos: number; text: string }
  | { type: 'word'; pos: number; text: string };

// German users type „…“ as often as "…"; any of them opens or closes a phrase.
const QUOTES = new Set(['"', '„', '“', '”']);
const isSpace = (ch: string): boolean => /\s/.test(ch);
const NEAR_RE = /^(O?)NEAR(?:\/(\d{1,3}))?$/;

/** Operators are upper case only, so "und", "oder", "and" and "not" stay searchable words. */
export function lex(src: string): Lexeme[] {
  const out: Lexeme[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src.charAt(i);
    if (isSpace(ch)) {
      i++;
    } else if (ch === '(' || ch === ')') {
      out.push({ type: ch, pos: i });
      i++;
    } else if (QUOTES.has(ch)) {
      let j = i + 1;
      while (j < src.length && !QUOTES.has(src.charAt(j))) j++;
      if (j >= src.length) throw queryError({ reason: 'unclosed_phrase', position: i, expected: ['"'] });
      out.push({ type: 'phrase', pos: i, text: src.slice(i + 1, j) });
      i = j + 1;
    } else {
      let j = i;
      while (j < src.length && !isSpace(src.charAt(j)) && !QUOTES.has(src.charAt(j)) && src.charAt(j) !== '(' && src.charAt(j) !== ')') j++;
      out.push(classify(src.slice(i, j), i));
      i = j;
    }
  }
  out.push({ type: 'end', pos: src.length });
  return out;
}

function classify(text: string, pos: number): Lexeme {
  if (text === 'AND' || text === 'OR' || text === 'NOT') return { type: text, pos };
  if (!/^O?NEAR(\/|$)/.test(text)) return { type: 'word', pos, text };
  const m = NEAR_RE.exec(text);
  const distance = m?.[2] === undefined ? NaN : Number(m[2]);
  if (!m || !(distance <= MAX_NEAR_DISTANCE)) {
    throw queryError({ reason: 'invalid_distance', position: pos, expected: ['NEAR/n'], found: text, limit: MAX_NEAR_DISTANCE });
  }
  return { type: 'near', pos, text, distance, ordered: m[1] === 'O' };
}
