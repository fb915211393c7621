// Social listening matcher: 10,000 stored queries against 200,000 generated German and
// English posts. The naive baseline (every query evaluated against every post) runs in
// the same process on a 5,000-post slice, so `speedup` is a ratio that survives a noisy
// machine; the same slice checks that the index finds exactly what the baseline finds.
import { performance } from 'node:perf_hooks';
import { compileQuery, type CompiledQuery } from '../src/listening/compile.js';
import { matchAllNaively } from '../src/listening/naive.js';
import type { Post } from '../src/listening/post.js';
import { QueryIndex } from '../src/listening/query-index.js';
import { seededRandom } from '../src/runtime/seeded-random.js';

const QUERIES = 10_000;
// Overridable for a quick smoke run; the reported figures use the defaults.
const POSTS = Number(process.env.BENCH_POSTS ?? 200_000);
const NAIVE_SLICE = Number(process.env.BENCH_NAIVE ?? 5_000);

const KNOWN_BRANDS = ['telekom', 'vodafone', 'dhl', 'hermes', 'dpd', 'zalando', 'otto', 'lidl', 'aldi', 'rewe', 'edeka', 'bahn',
  'lufthansa', 'ikea', 'mediamarkt', 'saturn', 'check24', 'sparkasse', 'n26', 'amazon', 'ebay', 'paypal', 'netflix', 'spotify',
  'samsung', 'bosch', 'miele', 'tchibo', 'douglas', 'rossmann'];
const SYLLABLES = ['ka', 'lo', 'mi', 'ter', 'van', 'zu', 'rio', 'fen', 'dal', 'bo', 'nex', 'tra', 'sol', 'vi', 'gen', 'mar', 'pix', 'lu', 'dor', 'sen'];
const PRODUCTS = ['router', 'handy', 'tarif', 'vertrag', 'kuehlschrank', 'waschmaschine', 'staubsauger', 'kopfhoerer', 'laptop', 'tablet',
  'app', 'karte', 'konto', 'abo', 'box', 'phone', 'watch', 'camera', 'speaker', 'charger'];
const TOPICS_DE = ['lieferung', 'lieferungen', 'paketlieferung', 'paket', 'pakete', 'rechnung', 'kündigung', 'störung', 'ausfall', 'kundenservice',
  'hotline', 'rückerstattung', 'beschwerde', 'verspätung', 'verspätet', 'kaputt', 'defekt', 'betrug', 'abzocke', 'danke', 'super', 'toll',
  'schlecht', 'ärgerlich', 'warten', 'storniert', 'bestellung', 'retoure', 'gutschein', 'rabatt', 'angebot', 'kunden', 'stammkunde'];
const TOPICS_EN = ['delivery', 'deliveries', 'package', 'refund', 'invoice', 'outage', 'broken', 'scam', 'support', 'cancel', 'order',
  'return', 'late', 'great', 'love', 'terrible', 'waiting', 'customer', 'service', 'thanks'];
const FILLER_DE = ['der', 'die', 'das', 'und', 'ist', 'nicht', 'mein', 'meine', 'seit', 'heute', 'schon', 'wieder', 'noch', 'ich', 'habe',
  'wir', 'bei', 'mit', 'für', 'auf', 'wie', 'immer', 'gestern', 'woche', 'tagen', 'einfach', 'wirklich', 'straße', 'müller'];
const FILLER_EN = ['the', 'and', 'is', 'my', 'not', 'again', 'still', 'today', 'since', 'i', 'have', 'we', 'with', 'for', 'on', 'how',
  'always', 'yesterday', 'week', 'days', 'just', 'really'];
const EMOJIS = ['😡', '😍', '👍', '🙄', '📦', '🔥'];
const CHANNELS = ['twitter', 'facebook', 'instagram', 'forum', 'trustpilot'];

type Rnd = () => number;
const pick = <T>(rnd: Rnd, list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
// Popular brands are talked about far more often than the long tail.
const zipf = <T>(rnd: Rnd, list: readonly T[]): T => list[Math.floor(list.length * Math.pow(rnd(), 2))] as T;

function makeBrands(rnd: Rnd, n: number): string[] {
  const brands = new Set(KNOWN_BRANDS);
  while (brands.size < n) brands.add(pick(rnd, SYLLABLES) + pick(rnd, SYLLABLES) + pick(rnd, SYLLABLES));
  return [...brands];
}

// Each workspace watches its own brands, so stored queries spread over all of them.
function makeQuery(rnd: Rnd, brands: string[]): string {
  const b = pick(rnd, brands);
  const p = pick(rnd, PRODUCTS);
  const r = rnd();
  if (r < 0.15) return `${b} OR #${b} OR @${b}`;
  if (r < 0.3) return `${b} AND (lieferung~ OR paket* OR versand* OR delivery~)`;
  if (r < 0.42) return `(${b} OR #${b}) NOT (gewinnspiel OR giveaway)`;
  if (r < 0.55) return `${b} NEAR/3 (kaputt OR defekt~ OR broken OR störung~)`;
  if (r < 0.65) return `"${b} ${p}" ONEAR/5 (problem* OR fehler~)`;
  if (r < 0.73) return `${b}* lang:${rnd() < 0.6 ? 'de' : 'en'}`;
  if (r < 0.8) return `${b} channel:${pick(rnd, CHANNELS)} NOT author:${b}`;
  if (r < 0.86) return `site:${b}.de OR (${b} AND (rückerstattung~ OR refund~))`;
  if (r < 0.93) return `(${b} OR "${b} ${p}") AND (😡 OR betrug OR abzocke OR scam)`;
  if (r < 0.999) return `${b}~ kündigung~`;
  return `lang:de NOT (${b} OR spam)`;
}

function makePost(rnd: Rnd, brands: string[], i: number): Post {
  const german = rnd() < 0.6;
  const filler = german ? FILLER_DE : FILLER_EN;
  const topics = german ? TOPICS_DE : TOPICS_EN;
  const words: string[] = [];
  const length = 6 + Math.floor(rnd() * 25);
  // Most of a public stream mentions none of the watched brands.
  const brandRate = rnd() < 0.4 ? 0.08 : 0;
  for (let k = 0; k < length; k++) {
    const r = rnd();
    if (r < brandRate) {
      const b = zipf(rnd, brands);
      words.push(rnd() < 0.7 ? b : rnd() < 0.5 ? `#${b}` : `@${b}`);
    } else if (r < 0.1) words.push(pick(rnd, PRODUCTS));
    else if (r < 0.27) words.push(pick(rnd, topics));
    else if (r < 0.3) words.push(pick(rnd, EMOJIS));
    else words.push(pick(rnd, filler));
  }
  if (rnd() < 0.05) words.push(`https://www.${zipf(rnd, brands)}.de/hilfe`);
  const capitalised = words.map((w) => (rnd() < 0.2 ? w.charAt(0).toUpperCase() + w.slice(1) : w));
  return {
    id: `p${i}`,
    text: capitalised.join(' '),
    lang: german ? 'de' : 'en',
    channel: pick(rnd, CHANNELS),
    author: `user${Math.floor(rnd() * 50_000)}`,
  };
}

export async function run(): Promise<Record<string, number>> {
  const rnd = seededRandom(20150303);
  const brands = makeBrands(rnd, 3_000);
  const queries: CompiledQuery[] = Array.from({ length: QUERIES }, (_, i) => compileQuery(`q${i}`, makeQuery(rnd, brands)));
  const posts = Array.from({ length: POSTS }, (_, i) => makePost(rnd, brands, i));

  const buildStart = performance.now();
  const index = new QueryIndex();
  for (const q of queries) index.add(q);
  const indexBuildMs = performance.now() - buildStart;

  const slice = posts.slice(0, NAIVE_SLICE);
  const indexedSlice = slice.map((p) => index.match(p));

  let matches = 0;
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  for (const post of posts) matches += index.match(post).length;
  const seconds = (performance.now() - start) / 1000;
  const cpuSeconds = cpuSecondsSince(cpuStart);
  const evaluations = index.evaluations;

  const naiveStart = performance.now();
  const naiveCpuStart = process.cpuUsage();
  const naiveSlice = slice.map((p) => matchAllNaively(queries, p));
  const naiveSeconds = (performance.now() - naiveStart) / 1000;
  const naiveCpuSeconds = cpuSecondsSince(naiveCpuStart);

  let disagreements = 0;
  naiveSlice.forEach((ids, k) => {
    if (ids.join(',') !== (indexedSlice[k] ?? []).join(',')) disagreements++;
  });

  const postsPerSecond = POSTS / seconds;
  const naivePostsPerSecond = NAIVE_SLICE / naiveSeconds;
  return {
    queries: index.size,
    posts: POSTS,
    postsPerSecond: Math.round(postsPerSecond),
    // CPU time is what one core delivers when the machine is shared with other jobs.
    postsPerCpuSecond: Math.round(POSTS / cpuSeconds),
    matchesPerPost: round(matches / POSTS, 3),
    candidatesPerPost: round(evaluations / (POSTS + NAIVE_SLICE), 2),
    matchesChecked: NAIVE_SLICE * QUERIES,
    postsChecked: NAIVE_SLICE,
    disagreements,
    naivePostsPerSecond: round(naivePostsPerSecond, 1),
    naivePostsPerCpuSecond: round(NAIVE_SLICE / naiveCpuSeconds, 1),
    speedup: round(postsPerSecond / naivePostsPerSecond, 1),
    indexBuildMs: Math.round(indexBuildMs),
  };
}

function cpuSecondsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
