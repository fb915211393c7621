// Relevance for listening: is a public post about this company's products or service at all?
// The base judgement reads the workspace's brand profile; a workspace adaptation can then learn its
// own vocabulary on top (see adaptation.ts). Matching is on word level because brand names such as
// "Bahn" are also ordinary words inside compounds ("Achterbahn" is not about the railway; "Bahnhof" is).
import { hashString } from './hash.js';
import { memoByToken } from './memo.js';
import { push, type SparseVector } from './sparse.js';

export interface BrandProfile {
  names: string[];
  products: string[];
  terms: string[];
}

type Kind = 'name' | 'product' | 'term';

interface CompiledProfile {
  words: Map<string, Kind>;
  exactCase: Map<string, Kind>;
  phrases: { re: RegExp; kind: Kind }[];
  stems: string[];
  handleNames: string[];
  /** What one token says about the brand; remembered, since the same words recur in every post. */
  token: (token: string) => TokenMatch;
  /** Lower-cased first two letters of every entry and stem: a token starting otherwise can only match as a tail. */
  openings: Set<number>;
  /** Lower-cased last letter of every stem. */
  stemEnds: Set<number>;
}

type TokenMatch = Kind | 'handle' | 'compound-head' | 'compound-tail' | 'none';

export interface BrandSignals {
  name: number;
  handle: number;
  compoundHead: number;
  compoundTail: number;
  product: number;
  term: number;
  tokens: number;
  /** Word position of the first brand name or product, or -1. */
  firstHit: number;
}

const WORD_RE = /[@#]?[\p{L}\p{N}_]+(?:[-.'’][\p{L}\p{N}]+)*/gu;
const SHORT_ACRONYM = 4;
const MIN_STEM = 4;
const compiledCache = new WeakMap<BrandProfile, CompiledProfile>();

function compile(profile: BrandProfile): CompiledProfile {
  const cached = compiledCache.get(profile);
  if (cached) return cached;
  const compiled: CompiledProfile = {
    words: new Map(),
    exactCase: new Map(),
    phrases: [],
    stems: [],
    handleNames: [],
    token: memoByToken((token) => matchToken(compiled, token), 20_000),
    openings: new Set(),
    stemEnds: new Set(),
  };
  const add = (entries: string[], kind: Kind): void => {
    for (const raw of entries) {
      const entry = raw.trim();
      if (!entry) continue;
      if (/\s/u.test(entry)) {
        const pattern = entry.split(/\s+/u).map(escapeRegExp).join('[\\s-]+');
        compiled.phrases.push({ re: new RegExp(`(?<![\\p{L}\\p{N}])${pattern}(?![\\p{L}\\p{N}])`, 'iu'), kind });
      } else if (entry.length < SHORT_ACRONYM && entry === entry.toUpperCase()) {
        compiled.exactCase.set(entry, kind);
      } else {
        compiled.words.set(entry.toLowerCase(), kind);
      }
      if (kind === 'name') {
        const squashed = entry.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
        compiled.handleNames.push(squashed);
        if (!/\s/u.test(entry) && entry.length >= MIN_STEM) compiled.stems.push(entry.toLowerCase());
      }
    }
  };
  add(profile.names, 'name');
  add(profile.products, 'product');
  add(profile.terms, 'term');
  for (const entry of [...compiled.words.keys(), ...compiled.exactCase.keys(), ...compiled.stems]) compiled.openings.add(opening(entry));
  for (const stem of compiled.stems) compiled.stemEnds.add(lowerCode(stem, stem.length - 1));
  compiledCache.set(profile, compiled);
  return compiled;
}

/** Posts state their subject early; a long article's tail adds cost but little evidence. */
const MAX_BRAND_CHARS = 400;

export function brandSignals(fullText: string, profile: BrandProfile): BrandSignals {
  const text = fullText.length > MAX_BRAND_CHARS ? fullText.slice(0, MAX_BRAND_CHARS) : fullText;
  const p = compile(profile);
  const s: BrandSignals = { name: 0, handle: 0, compoundHead: 0, compoundTail: 0, product: 0, term: 0, tokens: 0, firstHit: -1 };
  const hit = (kind: Kind, position: number): void => {
    s[kind]++;
    if (kind !== 'term' && s.firstHit < 0) s.firstHit = position;
  };
  for (const { re, kind } of p.phrases) if (re.test(text)) hit(kind, 0);
  let position = 0;
  for (const m of text.matchAll(WORD_RE)) {
    position++;
    if (!mayMatch(p, m[0])) continue;
    const match = p.token(m[0]);
    if (match === 'none') continue;
    if (match === 'handle') {
      s.handle++;
      if (s.firstHit < 0) s.firstHit = position;
    } else if (match === 'compound-head') s.compoundHead++;
    else if (match === 'compound-tail') s.compoundTail++;
    else hit(match, position);
  }
  s.tokens = position;
  return s;
}

function lowerCode(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c < 0x80) return c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
  return s.charAt(i).toLowerCase().charCodeAt(0);
}

function opening(s: string): number {
  return (lowerCode(s, 0) << 16) | (s.length > 1 ? lowerCode(s, 1) : 0);
}

/**
 * A cheap test that lets most words of a post skip matchToken's lookup: true for every token that
 * could match (handles, hyphenated words, an entry's or stem's beginning, a stem's last letter).
 */
function mayMatch(p: CompiledProfile, token: string): boolean {
  const first = token.charCodeAt(0);
  if (first === 0x40 || first === 0x23 || token.includes('-')) return true;
  return p.openings.has(opening(token)) || p.stemEnds.has(lowerCode(token, token.length - 1));
}

function matchToken(p: CompiledProfile, token: string): TokenMatch {
  if (token.startsWith('@') || token.startsWith('#')) {
    return handleMentions(token.slice(1).toLowerCase(), p.handleNames) ? 'handle' : 'none';
  }
  const whole = p.exactCase.get(token) ?? p.words.get(token.toLowerCase());
  if (whole) return whole;
  if (token.includes('-')) {
    // "Bahn-Chef" is about the brand; in "U-Bahn" or "Achter-Bahn" the name only closes a compound.
    const parts = token.split('-');
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i] ?? '';
      const kind = p.exactCase.get(part) ?? p.words.get(part.toLowerCase());
      if (!kind) continue;
      return kind === 'name' && i > 0 && i === parts.length - 1 ? 'compound-tail' : kind;
    }
  }
  const lower = token.toLowerCase();
  for (const stem of p.stems) {
    if (lower.length <= stem.length) continue;
    if (lower.startsWith(stem)) return 'compound-head';
    if (lower.endsWith(stem)) return 'compound-tail';
  }
  return 'none';
}

function handleMentions(handle: string, names: string[]): boolean {
  const parts = handle.split('_');
  for (const name of names) {
    if (parts.includes(name)) return true;
    if (name.length >= MIN_STEM && handle.includes(name)) return true;
  }
  return false;
}

const LONG_TEXT = 80;
const LATE_HIT = 60;

/**
 * Hand-set weights over the brand signals (there is no openly licensed relevance training data):
 * a brand name or product as a word or handle is strong evidence; a name only inside a compound or
 * only typical terms is weak; a long article whose first brand mention comes late is usually about
 * something else.
 */
export function baseRelevanceLogit(s: BrandSignals): number {
  let logit = -2;
  if (s.name > 0) logit += 2.6 + 0.3 * Math.min(s.name - 1, 3);
  if (s.handle > 0) logit += 2.6;
  if (s.product > 0) logit += 2.4;
  if (s.compoundHead > 0) logit += 2.1;
  if (s.compoundTail > 0) logit += 0.4;
  logit += 0.8 * Math.min(s.term, 4);
  if (s.tokens > LONG_TEXT) logit -= 0.3;
  if (s.firstHit > LATE_HIT || (s.firstHit < 0 && s.tokens > LONG_TEXT)) logit -= 0.3;
  return logit;
}

const SEED_BRAND = 0x30;
const F = (name: string): number => hashString(name, SEED_BRAND);
const FEATURES = {
  name: F('name'),
  handle: F('handle'),
  product: F('product'),
  head: F('compound-head'),
  tail: F('compound-tail'),
  term: F('term'),
  none: F('no-brand'),
  long: F('long'),
  late: F('late-hit'),
};

/** Brand signals as features, so a workspace adaptation can re-weigh them for its own traffic. */
export function addBrandFeatures(s: BrandSignals, v: SparseVector): void {
  if (s.name > 0) push(v, FEATURES.name, 1);
  if (s.handle > 0) push(v, FEATURES.handle, 1);
  if (s.product > 0) push(v, FEATURES.product, 1);
  if (s.compoundHead > 0) push(v, FEATURES.head, 1);
  if (s.compoundTail > 0) push(v, FEATURES.tail, 1);
  if (s.term > 0) push(v, FEATURES.term, Math.min(s.term, 4) / 2);
  if (s.name + s.handle + s.product === 0) push(v, FEATURES.none, 1);
  if (s.tokens > LONG_TEXT) push(v, FEATURES.long, 1);
  if (s.firstHit > LATE_HIT) push(v, FEATURES.late, 1);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}
