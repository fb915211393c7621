import { AppError } from '../domain/errors.js';

export type QueryErrorReason =
  | 'empty_query'
  | 'too_long'
  | 'too_deep'
  | 'too_many_terms'
  | 'too_many_proximity'
  | 'unexpected_token'
  | 'unexpected_end'
  | 'unclosed_phrase'
  | 'empty_phrase'
  | 'empty_term'
  | 'unknown_field'
  | 'empty_field_value'
  | 'invalid_distance'
  | 'prefix_too_short'
  | 'stem_on_tag'
  | 'not_positional';

export type Locale = 'de' | 'en';

export interface QueryErrorDetails {
  reason: QueryErrorReason;
  /** 0-based character offset in the query where the problem starts. */
  position: number;
  /** What the parser would have accepted here: "term", "phrase", "value", "end" or literal syntax like ")". */
  expected: string[];
  /** The offending text, when there is one. */
  found?: string;
  /** The limit that was exceeded, for the too_* reasons. */
  limit?: number;
}

type Render = (d: QueryErrorDetails) => string;

const at = (d: QueryErrorDetails, locale: Locale): string =>
  locale === 'de' ? ` (Zeichen ${d.position + 1})` : ` (character ${d.position + 1})`;
// `expected` holds stable symbols; the words ones are translated, the rest quoted.
const LABELS: Record<string, Record<Locale, string>> = {
  term: { en: 'a search term', de: 'ein Suchbegriff' },
  phrase: { en: 'a "phrase"', de: 'eine „Phrase“' },
  value: { en: 'a value', de: 'ein Wert' },
  end: { en: 'the end of the query', de: 'das Ende der Anfrage' },
};
const quote = (s: string, locale: Locale): string => (locale === 'de' ? `„${s}“` : `"${s}"`);
const list = (items: string[], locale: Locale): string =>
  items.map((i) => LABELS[i]?.[locale] ?? quote(i, locale)).join(locale === 'de' ? ' oder ' : ' or ');

const MESSAGES: Record<Locale, Record<QueryErrorReason, Render>> = {
  en: {
    empty_query: () => 'The query is empty.',
    too_long: (d) => `The query is longer than ${d.limit} characters.`,
    too_deep: (d) => `The query nests deeper than ${d.limit} levels.`,
    too_many_terms: (d) => `The query has more than ${d.limit} terms.`,
    too_many_proximity: (d) => `The query has more than ${d.limit} NEAR or ONEAR operators.`,
    unexpected_token: (d) => `Expected ${list(d.expected, 'en')} but found "${d.found ?? ''}".`,
    unexpected_end: (d) => `The query ends too early; expected ${list(d.expected, 'en')}.`,
    unclosed_phrase: () => 'A quoted phrase is not closed; add the closing ".',
    empty_phrase: () => 'A quoted phrase is empty.',
    empty_term: (d) => `"${d.found ?? ''}" contains no letters, digits, hashtag or emoji to search for.`,
    unknown_field: (d) => `Unknown field "${d.found ?? ''}"; use ${list(d.expected, 'en')}.`,
    empty_field_value: (d) => `The field "${d.found ?? ''}" needs a value, e.g. lang:de.`,
    invalid_distance: (d) => `"${d.found ?? ''}" needs a word distance from 0 to ${d.limit}, e.g. NEAR/3.`,
    prefix_too_short: (d) => `The wildcard "${d.found ?? ''}" needs at least ${d.limit} letters before the *.`,
    stem_on_tag: (d) => `"${d.found ?? ''}": ~ works on words, not on hashtags or mentions; use * instead.`,
    not_positional: () => 'NEAR and ONEAR join words, phrases or (… OR …) groups of them, not AND, NOT or fields.',
  },
  de: {
    empty_query: () => 'Die Suchanfrage ist leer.',
    too_long: (d) => `Die Suchanfrage ist länger als ${d.limit} Zeichen.`,
    too_deep: (d) => `Die Suchanfrage ist tiefer als ${d.limit} Ebenen verschachtelt.`,
    too_many_terms: (d) => `Die Suchanfrage hat mehr als ${d.limit} Suchbegriffe.`,
    too_many_proximity: (d) => `Die Suchanfrage hat mehr als ${d.limit} NEAR- oder ONEAR-Operatoren.`,
    unexpected_token: (d) => `Erwartet wurde ${list(d.expected, 'de')}, gefunden wurde „${d.found ?? ''}“.`,
    unexpected_end: (d) => `Die Suchanfrage endet zu früh; erwartet wurde ${list(d.expected, 'de')}.`,
    unclosed_phrase: () => 'Eine Phrase in Anführungszeichen ist nicht geschlossen; es fehlt das schließende ".',
    empty_phrase: () => 'Eine Phrase in Anführungszeichen ist leer.',
    empty_term: (d) => `„${d.found ?? ''}“ enthält keine Buchstaben, Ziffern, Hashtags oder Emojis, nach denen gesucht werden kann.`,
    unknown_field: (d) => `Unbekanntes Feld „${d.found ?? ''}“; möglich sind ${list(d.expected, 'de')}.`,
    empty_field_value: (d) => `Das Feld „${d.found ?? ''}“ braucht einen Wert, z. B. lang:de.`,
    invalid_distance: (d) => `„${d.found ?? ''}“ braucht einen Wortabstand von 0 bis ${d.limit}, z. B. NEAR/3.`,
    prefix_too_short: (d) => `Der Platzhalter „${d.found ?? ''}“ braucht mindestens ${d.limit} Buchstaben vor dem *.`,
    stem_on_tag: (d) => `„${d.found ?? ''}“: ~ gilt für Wörter, nicht für Hashtags oder Erwähnungen; nutzen Sie stattdessen *.`,
    not_positional: () => 'NEAR und ONEAR verbinden Wörter, Phrasen oder (… OR …)-Gruppen davon, nicht AND, NOT oder Felder.',
  },
};

export function queryError(details: QueryErrorDetails): AppError {
  return new AppError('invalid', renderQueryError(details, 'en'), { ...details });
}

/** The message for a query error in the user's language, with the character position. */
export function renderQueryError(details: QueryErrorDetails, locale: Locale): string {
  return MESSAGES[locale][details.reason](details) + at(details, locale);
}

/** Reads the details back from an AppError thrown by the parser, or null for any other error. */
export function queryErrorDetails(err: unknown): QueryErrorDetails | null {
  if (!(err instanceof AppError) || err.code !== 'invalid' || !err.details) return null;
  const { reason, position, expected, found, limit } = err.details;
  if (!isReason(reason) || typeof position !== 'number' || !Array.isArray(expected)) return null;
  return {
    reason,
    position,
    expected: expected.map(String),
    ...(typeof found === 'string' ? { found } : {}),
    ...(typeof limit === 'number' ? { limit } : {}),
  };
}

function isReason(value: unknown): value is QueryErrorReason {
  return typeof value === 'string' && Object.hasOwn(MESSAGES.en, value);
}
