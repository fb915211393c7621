// A deliberately light stemmer: it only removes inflection (German and English), never
// derivation, because `term~` then looks for the stem *inside* post words. "Lieferungen~"
// becomes "lieferung", which is found in "Lieferungen", "Paketlieferung" and
// "Lieferungsstatus" but not in "Lieferant". Longest suffix first.
// English "-y"/"-ies" only go when a long stem remains: "delivery" → "deliver", but
// "eBay" stays whole.
const SUFFIXES: ReadonlyArray<readonly [suffix: string, minStem: number]> = [
  ['innen', 3], ['ern', 3], ['ies', 4], ['ing', 3], ['en', 3], ['er', 3], ['es', 3],
  ['ed', 3], ['em', 3], ['e', 3], ['s', 3], ['y', 4],
];

/** Below this length a stem is too unspecific to search inside words. */
export const MIN_CONTAINED_STEM = 4;

export function stem(folded: string): string {
  for (const [suffix, minStem] of SUFFIXES) {
    if (folded.endsWith(suffix) && folded.length - suffix.length >= minStem) {
      return folded.slice(0, folded.length - suffix.length);
    }
  }
  return folded;
}

/**
 * Whether a post word matches a `term~` whose stem is `termStem`: long stems are found
 * anywhere inside the word (compounds); short ones ("zug") only match words with the
 * same stem, or "zug~" would find "Anzug".
 */
export function stemMatches(termStem: string, word: string): boolean {
  if (termStem.length >= MIN_CONTAINED_STEM) return word.includes(termStem);
  return stem(word) === termStem;
}
