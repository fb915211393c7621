// Personal data that agents must not repeat in public replies. Numbers are only reported when their
// checksum holds (Luhn for cards, ISO 7064 mod 97 for IBANs), so order numbers and the like stay visible.
export type PiiKind = 'email' | 'phone' | 'iban' | 'card' | 'address' | 'birthdate';

export interface PiiSpan {
  kind: PiiKind;
  start: number;
  end: number;
  text: string;
}

const EMAIL_RE = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
const IBAN_RE = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b/g;
const CARD_RE = /\b\d(?:[ -]?\d){12,18}\b/g;
const PHONE_RE = /(?<![\w+])(?:\+|00)\d{1,3}[ \-./]?(?:\(0\))?[ \-./]?\d(?:[ \-./]?\d){5,13}\b|(?<![\w+])\(?0\d{1,5}\)?[ \-./]?\d(?:[ \-./]?\d){4,11}\b/g;
const STREET_SUFFIX = '(?:straße|strasse|str\\.|weg|allee|platz|gasse|ring|damm|ufer|chaussee|pfad|steig|markt)';
const ADDRESS_DE_RE = new RegExp(
  `(?<![\\p{L}])\\p{Lu}[\\p{L}-]*(?:${STREET_SUFFIX}|\\s+(?:Straße|Strasse|Str\\.|Weg|Allee|Platz|Gasse|Ring|Damm))\\s+\\d{1,4}\\s?[a-zA-Z]?\\b(?:,?\\s+\\d{5}\\s+\\p{Lu}[\\p{L}-]+)?`,
  'gu',
);
const ADDRESS_EN_RE =
  /\b\d{1,5}[A-Za-z]?\s+(?:[A-Z][a-z]+\s){1,3}(?:Street|St\.|Road|Rd\.|Avenue|Ave\.|Lane|Ln\.|Drive|Dr\.|Boulevard|Blvd\.|Way|Court|Place)(?![\p{L}])/gu;
const MONTHS =
  'januar|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember|january|february|march|may|june|july|october|december';
const DATE = `(?:\\d{1,2}[./-]\\s?\\d{1,2}[./-]\\s?(?:19|20)?\\d{2}|(?:19|20)\\d{2}-\\d{2}-\\d{2}|\\d{1,2}\\.?\\s+(?:${MONTHS})\\s+(?:19|20)\\d{2}|(?:${MONTHS})\\s+\\d{1,2},?\\s+(?:19|20)\\d{2})`;
const BIRTH_RE = new RegExp(
  `(?:geboren(?:\\s+am)?|geb\\.|geburtsdatum|geburtstag|date of birth|birth ?date|dob|born(?:\\s+on)?)\\s*:?\\s*(${DATE})`,
  'giu',
);

const BIRTH_HINT_RE = /geb|dob|birth|born/iu;
const STREET_HINT_RE = new RegExp(`${STREET_SUFFIX}\\s+\\d|\\d\\s+(?:\\S+\\s){1,3}(?:street|st\\.|road|rd\\.|avenue|ave\\.|lane|ln\\.|drive|dr\\.|boulevard|blvd\\.|way|court|place)`, 'iu');

/** Earlier kinds win when spans overlap: a valid IBAN is not also a phone number. */
const PRIORITY: PiiKind[] = ['email', 'iban', 'card', 'birthdate', 'address', 'phone'];

const ENDS_IN_LOCAL_PART_RE = /[\p{L}\p{N}._%+-]$/u;

/** An address needs a character before its '@'; an @handle at the start of a word has none. */
function mayHoldEmail(text: string): boolean {
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    if (at > 0 && ENDS_IN_LOCAL_PART_RE.test(text.slice(Math.max(0, at - 2), at))) return true;
  }
  return false;
}

export function detectPii(text: string): PiiSpan[] {
  const found: PiiSpan[] = [];
  const add = (kind: PiiKind, start: number, value: string): void => {
    found.push({ kind, start, end: start + value.length, text: value });
  };
  // Cheap gates first: most messages hold no '@' and few digits, so most patterns never run.
  if (mayHoldEmail(text)) for (const m of text.matchAll(EMAIL_RE)) add('email', m.index, m[0]);
  const digits = digitCount(text);
  if (digits === 0) return found;
  if (digits >= 7) {
    for (const m of text.matchAll(IBAN_RE)) if (validIban(m[0])) add('iban', m.index, m[0]);
    for (const m of text.matchAll(CARD_RE)) if (validCard(m[0])) add('card', m.index, m[0]);
    for (const m of text.matchAll(PHONE_RE)) if (digitCount(m[0]) >= 7) add('phone', m.index, m[0]);
  }
  if (digits >= 4 && BIRTH_HINT_RE.test(text)) {
    for (const m of text.matchAll(BIRTH_RE)) {
      const date = m[1] ?? '';
      add('birthdate', m.index + m[0].length - date.length, date);
    }
  }
  if (STREET_HINT_RE.test(text)) {
    for (const m of text.matchAll(ADDRESS_DE_RE)) add('address', m.index, m[0]);
    for (const m of text.matchAll(ADDRESS_EN_RE)) add('address', m.index, m[0]);
  }
  return resolveOverlaps(found);
}

export function redactPii(text: string, spans: PiiSpan[] = detectPii(text)): string {
  let out = '';
  let at = 0;
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    if (span.start < at) continue;
    out += `${text.slice(at, span.start)}[${span.kind}]`;
    at = span.end;
  }
  return out + text.slice(at);
}

function resolveOverlaps(spans: PiiSpan[]): PiiSpan[] {
  const ranked = [...spans].sort(
    (a, b) => PRIORITY.indexOf(a.kind) - PRIORITY.indexOf(b.kind) || b.end - b.start - (a.end - a.start),
  );
  const kept: PiiSpan[] = [];
  for (const s of ranked) if (!kept.some((k) => s.start < k.end && k.start < s.end)) kept.push(s);
  return kept.sort((a, b) => a.start - b.start);
}

function digitCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

function validCard(candidate: string): boolean {
  const digits = candidate.replace(/\D/gu, '');
  if (digits.length < 13 || digits.length > 19) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function validIban(candidate: string): boolean {
  const iban = candidate.replace(/\s/gu, '').toUpperCase();
  if (iban.length < 15 || iban.length > 34) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const code = ch.charCodeAt(0);
    const value = code >= 65 ? String(code - 55) : ch;
    for (const digit of value) remainder = (remainder * 10 + (digit.charCodeAt(0) - 48)) % 97;
  }
  return remainder === 1;
}
