// Suggestion latency over a large knowledge base: 10,000 generated articles (German and English,
// with example questions), p95 of one suggestion over 300 customer-like questions (with typos and
// compounds), beside plain word BM25 over the same articles and the index build time, measured in
// the same run. In memory: this is the engine the API and the bot call.
import { seededRandom } from '../src/runtime/seeded-random.js';
import { SuggestionEngine, type SuggestionDocument } from '../src/kb/suggest/engine.js';
import { percentile } from './support/messages.js';

const DE = ['Lieferung', 'Paket', 'Rechnung', 'Erstattung', 'Kündigung', 'Bestellung', 'beschädigt', 'Lampe', 'Decke', 'Kissen', 'Gutschein', 'Rücksendung', 'Abbuchung', 'Adresse', 'Zahlung', 'verspätet', 'kaputt', 'Umtausch', 'Garantie', 'Versand', 'Kundenkonto', 'Passwort', 'Filiale', 'Abholung', 'Kreditkarte', 'Lastschrift', 'Ratenzahlung', 'Größe', 'Farbe', 'Etikett', 'Sendungsnummer', 'Zustellung', 'Nachbar', 'Briefkasten', 'Reparatur', 'Akku', 'Bildschirm', 'Ladekabel', 'Vertrag', 'Tarif'];
const EN = ['delivery', 'parcel', 'invoice', 'refund', 'cancel', 'order', 'damaged', 'lamp', 'blanket', 'pillow', 'voucher', 'return', 'charge', 'address', 'payment', 'late', 'broken', 'exchange', 'warranty', 'shipping', 'account', 'password', 'store', 'pickup', 'card', 'transfer', 'instalment', 'size', 'colour', 'label', 'tracking', 'courier', 'neighbour', 'mailbox', 'repair', 'battery', 'screen', 'charger', 'contract', 'plan'];
const FILL_DE = ['Sie', 'können', 'bitte', 'im', 'unter', 'nach', 'innerhalb', 'von', 'Tagen', 'wir', 'senden', 'prüfen', 'erhalten', 'Ihre'];
const FILL_EN = ['you', 'can', 'please', 'in', 'under', 'after', 'within', 'days', 'we', 'send', 'check', 'receive', 'your'];

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)] as T;
}

function words(random: () => number, vocabulary: readonly string[], filler: readonly string[], n: number): string {
  return Array.from({ length: n }, () => (random() < 0.4 ? pick(random, filler) : pick(random, vocabulary))).join(' ');
}

function typo(random: () => number, word: string): string {
  if (word.length < 5) return word;
  const i = 1 + Math.floor(random() * (word.length - 2));
  return word.slice(0, i) + (word[i + 1] ?? '') + (word[i] ?? '') + word.slice(i + 2);
}

export function generateArticles(count: number, seed = 7): SuggestionDocument[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const german = i % 2 === 0;
    const vocabulary = german ? DE : EN;
    const filler = german ? FILL_DE : FILL_EN;
    return {
      id: `a${i}`,
      language: german ? 'de' : 'en',
      title: `${pick(random, vocabulary)} ${pick(random, vocabulary)} ${pick(random, vocabulary)} ${i}`,
      tags: [pick(random, vocabulary), pick(random, vocabulary)],
      questions: [words(random, vocabulary, filler, 8), words(random, vocabulary, filler, 8)],
      body: words(random, vocabulary, filler, 120),
    };
  });
}

export function generateQuestions(articles: readonly SuggestionDocument[], count: number, seed = 11): string[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => {
    const a = pick(random, articles);
    const source = `${a.title} ${a.body}`.split(' ');
    const start = Math.floor(random() * (source.length - 12));
    return source
      .slice(start, start + 6 + Math.floor(random() * 12))
      .map((w) => (random() < 0.2 ? typo(random, w) : w))
      .join(' ');
  });
}

/** p95 and median milliseconds of one search over `questions`, after one warm-up pass. */
export function measureSuggestP95(engine: SuggestionEngine, questions: readonly string[]): { p95: number; p50: number } {
  for (const q of questions.slice(0, 20)) engine.search(q, { language: 'de', limit: 5 });
  const times = questions.map((q) => {
    const started = performance.now();
    engine.search(q, { language: 'de', limit: 5 });
    return performance.now() - started;
  });
  times.sort((a, b) => a - b);
  return { p95: percentile(times, 95), p50: percentile(times, 50) };
}

export async function run(): Promise<Record<string, number>> {
  const articles = generateArticles(Number(process.env.BENCH_ARTICLES ?? 10_000));
  const questions = generateQuestions(articles, 300);
  let started = performance.now();
  const engine = new SuggestionEngine(articles);
  const buildMs = performance.now() - started;
  started = performance.now();
  const plain = new SuggestionEngine(articles, { words: 1, grams: 0, questions: 0 });
  const plainBuildMs = performance.now() - started;
  const full = measureSuggestP95(engine, questions);
  const base = measureSuggestP95(plain, questions);
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    articles: articles.length,
    queries: questions.length,
    suggestP95Ms: round(full.p95),
    suggestP50Ms: round(full.p50),
    baselineWordsBm25P95Ms: round(base.p95),
    indexBuildMs: Math.round(buildMs),
    baselineWordsBm25BuildMs: Math.round(plainBuildMs),
    targetP95Ms: 30,
  };
}
