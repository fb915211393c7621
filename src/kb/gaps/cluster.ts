import { stem } from '../../listening/stem.js';
import { contentWords, wordGrams } from '../suggest/analyse.js';

export interface Cluster {
  /** Indexes into the input, the most central member first. */
  members: number[];
}

type Vector = Map<string, number>;

/** Character grams count for less than whole words: they only bridge typos and compounds. */
const GRAM_WEIGHT = 0.7;

function features(text: string): [string, number][] {
  const out: [string, number][] = [];
  for (const w of contentWords(text)) {
    out.push([stem(w), 1]);
    const grams: string[] = [];
    wordGrams(w, grams);
    for (const g of grams) out.push([g, GRAM_WEIGHT]);
  }
  return out;
}

function vectorOf(text: string, idf: (term: string) => number): Vector {
  const v: Vector = new Map();
  for (const [f, weight] of features(text)) v.set(f, (v.get(f) ?? 0) + weight * idf(f));
  return normalised(v);
}

function normalised(v: Vector): Vector {
  let norm = 0;
  for (const x of v.values()) norm += x * x;
  norm = Math.sqrt(norm) || 1;
  for (const [k, x] of v) v.set(k, x / norm);
  return v;
}

function addInto(sum: Vector, v: Vector): void {
  for (const [k, x] of v) sum.set(k, (sum.get(k) ?? 0) + x);
}

function cosine(a: Vector, b: Vector): number {
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [k, x] of small) dot += x * (large.get(k) ?? 0);
  return dot;
}

/**
 * One-pass clustering over idf-weighted word and character-gram vectors: each text joins the most
 * similar cluster centroid when the cosine reaches `threshold`, or starts a new cluster. A few
 * thousand questions cluster in well under a second, which a review list needs.
 */
export function clusterTexts(texts: readonly string[], threshold = 0.3): Cluster[] {
  const df = new Map<string, number>();
  for (const t of texts) for (const f of new Set(features(t).map(([k]) => k))) df.set(f, (df.get(f) ?? 0) + 1);
  const n = texts.length;
  const idf = (s: string) => Math.log(1 + n / (df.get(s) ?? 1));
  const vectors = texts.map((t) => vectorOf(t, idf));
  const clusters: { sum: Vector; centroid: Vector; members: number[] }[] = [];
  vectors.forEach((v, i) => {
    if (v.size === 0) return;
    let home: (typeof clusters)[number] | undefined;
    let best = threshold;
    for (const c of clusters) {
      const similarity = cosine(c.centroid, v);
      if (similarity >= best) {
        best = similarity;
        home = c;
      }
    }
    if (!home) {
      clusters.push({ sum: new Map(v), centroid: v, members: [i] });
      return;
    }
    home.members.push(i);
    addInto(home.sum, v);
    home.centroid = normalised(new Map(home.sum));
  });
  return clusters.map((c) => {
    const centrality = (i: number) => c.members.reduce((sum, j) => sum + cosine(vectors[i] as Vector, vectors[j] as Vector), 0);
    return { members: [...c.members].sort((a, b) => centrality(b) - centrality(a)) };
  });
}
