import { tokenise } from './tokenise.js';

// Words that say nothing about what people talk about.
const STOPWORDS = new Set(
  'aber alle auch dass dann denn dem den der des die das doch ein eine einen einem einer für hat habe haben ich ihr ist mit mein meine nicht noch nur oder sich sie sind und von war was wie wir zum zur about after also and are but for from have has just not that the their there they this was what with you your'.split(' '),
);

/** The terms most posts share (each post counts a term once), most frequent first. */
export function topTerms(texts: readonly string[], limit: number): { term: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const text of texts) {
    const terms = new Set(tokenise(text).tokens.filter((t) => t.kind !== 'emoji' && t.value.length >= 4 && !STOPWORDS.has(t.value)).map((t) => t.value));
    for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, limit).map(([term, count]) => ({ term, count }));
}
