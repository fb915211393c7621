// German transliteration (DIN 5007-2) rather than plain diacritic stripping: German
// writers without an umlaut keyboard type "Mueller" and "Strasse", so "Müller" must
// meet "Mueller". Other accents are dropped ("Café" = "cafe").
const GERMAN: Record<string, string> = { 'ä': 'ae', 'ö': 'oe', 'ü': 'ue', 'ß': 'ss' };
const GERMAN_RE = /[äöüß]/g;
const MARKS_RE = /\p{M}+/gu;
const APOSTROPHES_RE = /['’]/g;
const PLAIN_RE = /^[a-z0-9]*$/;

export function fold(text: string): string {
  const lower = text.toLowerCase();
  if (PLAIN_RE.test(lower)) return lower;
  return lower
    .normalize('NFC')
    .replace(GERMAN_RE, (ch) => GERMAN[ch] ?? ch)
    .normalize('NFKD')
    .replace(MARKS_RE, '')
    .replace(APOSTROPHES_RE, '');
}
