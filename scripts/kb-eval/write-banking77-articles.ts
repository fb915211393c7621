// `npx tsx scripts/kb-eval/write-banking77-articles.ts`: writes banking77-articles.json, one article
// per Banking77 intent, titled from the intent's name, whose example questions are at most ten of
// the intent's *training* utterances. The ten are chosen to cover as many different content words
// as possible, as an editor collecting the ways customers ask would; test utterances are never read.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { stem } from '../../src/listening/stem.js';
import { contentWords } from '../../src/kb/suggest/analyse.js';
import { banking77 } from '../nlp-data.js';

const EXAMPLES_PER_INTENT = 10;

export interface EvalArticle {
  id: string;
  title: string;
  tags: string[];
  questions: string[];
  body: string;
}

function titleOf(intent: string): string {
  const words = intent.replace(/_/g, ' ').replace(/\bfx\b/, 'FX').replace(/\batm\b/, 'ATM').replace(/\bpin\b/, 'PIN');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function diverse(texts: string[], count: number): string[] {
  const chosen: string[] = [];
  const covered = new Set<string>();
  const remaining = [...texts];
  while (chosen.length < count && remaining.length > 0) {
    let bestIndex = 0;
    let bestGain = -1;
    remaining.forEach((t, i) => {
      const gain = new Set(contentWords(t).map(stem).filter((s) => !covered.has(s))).size;
      if (gain > bestGain) {
        bestGain = gain;
        bestIndex = i;
      }
    });
    const [pick] = remaining.splice(bestIndex, 1);
    if (pick === undefined) break;
    chosen.push(pick);
    for (const s of contentWords(pick).map(stem)) covered.add(s);
  }
  return chosen;
}

export function banking77Articles(): EvalArticle[] {
  const byIntent = new Map<string, string[]>();
  for (const row of banking77('train')) byIntent.set(row.label, [...(byIntent.get(row.label) ?? []), row.text]);
  return [...byIntent].map(([intent, texts]) => ({
    id: intent,
    title: titleOf(intent),
    tags: [],
    questions: diverse(texts, EXAMPLES_PER_INTENT),
    body: `This article answers questions about: ${titleOf(intent).toLowerCase()}.`,
  }));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = fileURLToPath(new URL('./banking77-articles.json', import.meta.url));
  writeFileSync(out, JSON.stringify(banking77Articles(), null, 1) + '\n');
}
