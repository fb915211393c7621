// Readers for the public data sets in ../shared/data (see its README for licences and allowed use).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Sentiment } from '../src/nlp/index.js';

export const DATA_DIR = fileURLToPath(new URL('../../shared/data/', import.meta.url));

/** RFC 4180 reader (quoted fields, doubled quotes, line breaks inside quotes) for CSV and TSV. */
export function readDelimited(path: string, delimiter: string): string[][] {
  const text = readFileSync(`${DATA_DIR}${path}`, 'utf8').replace(/^\uFEFF/u, '');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let atFieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
      continue;
    }
    if (ch === '"' && atFieldStart) {
      quoted = true;
      atFieldStart = false;
    } else if (ch === delimiter) {
      row.push(field);
      field = '';
      atFieldStart = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      atFieldStart = true;
    } else {
      field += ch;
      atFieldStart = false;
    }
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export interface Labelled<L> {
  text: string;
  label: L;
}

function asSentiment(s: string | undefined): Sentiment {
  if (s === 'negative' || s === 'neutral' || s === 'positive') return s;
  throw new Error(`unexpected sentiment label ${String(s)}`);
}

/** SB-10k: id, label, text, … (no header). Tweets are pre-tokenised with spaces around punctuation. */
export function sb10k(split: 'train' | 'dev' | 'test'): Labelled<Sentiment>[] {
  return readFileSync(`${DATA_DIR}sb10k/${split}.tsv`, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const cols = line.split('\t');
      return { text: cols[2] ?? '', label: asSentiment(cols[1]) };
    });
}

export interface GermEvalRow {
  text: string;
  relevant: boolean;
  sentiment: Sentiment;
}

/** GermEval 2017 — evaluation only (CC BY-NC); `dev` may stand in for a workspace's own corrections. */
export function germeval(split: 'dev' | 'test_syn' | 'test_dia'): GermEvalRow[] {
  return readDelimited(`germeval2017/${split}.tsv`, '\t')
    .slice(1)
    .filter((r) => r.length >= 4)
    .map((r) => ({ text: r[1] ?? '', relevant: r[2] === 'true', sentiment: asSentiment(r[3]) }));
}

export function banking77(split: 'train' | 'test'): Labelled<string>[] {
  return readDelimited(`banking77/${split}.csv`, ',')
    .slice(1)
    .filter((r) => r.length >= 2)
    .map((r) => ({ text: r[0] ?? '', label: r[1] ?? '' }));
}

export function bitext(): Labelled<string>[] {
  return readDelimited('bitext-customer-service-8k/train.csv', ',')
    .slice(1)
    .filter((r) => r.length >= 4)
    .map((r) => ({ text: r[1] ?? '', label: r[3] ?? '' }));
}

/** TweetEval sentiment — evaluation only. */
export function tweeteval(split: 'val' | 'test'): Labelled<Sentiment>[] {
  const texts = readFileSync(`${DATA_DIR}tweeteval-sentiment/${split}_text.txt`, 'utf8').split('\n');
  const labels = readFileSync(`${DATA_DIR}tweeteval-sentiment/${split}_labels.txt`, 'utf8').split('\n');
  const names: Sentiment[] = ['negative', 'neutral', 'positive'];
  const rows: Labelled<Sentiment>[] = [];
  for (let i = 0; i < labels.length; i++) {
    const label = names[Number(labels[i])];
    if (labels[i]?.trim() && label) rows.push({ text: texts[i] ?? '', label });
  }
  return rows;
}
