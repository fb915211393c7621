// `npm run bench -- classify --json`: throughput and latency of classify() with every field (language,
// sentiment, category, relevance against a brand profile, urgency, PII) on one core, beside the
// throughput of tokenising the same texts in the same run.
import { readdirSync, statSync } from 'node:fs';
import { classify } from '../src/nlp/index.js';
import { modelDirectory } from '../src/nlp/model-store.js';
import { tokenise } from '../src/nlp/tokenise.js';
import { DEUTSCHE_BAHN } from '../scripts/nlp-brand-db.js';
import { banking77, germeval, sb10k } from '../scripts/nlp-data.js';

const MIN_SECONDS = 3;
const MB = 1024 * 1024;

function messages(): string[] {
  return [
    ...sb10k('test').map((r) => r.text),
    ...banking77('test').map((r) => r.text),
    ...germeval('test_dia').map((r) => r.text),
  ];
}

function rate(texts: string[], work: (text: string) => void): number {
  let done = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < MIN_SECONDS) {
    for (const t of texts) work(t);
    done += texts.length;
    elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  }
  return done / elapsed;
}

export async function run(): Promise<Record<string, number>> {
  const texts = messages();
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  classify('warm up', { brand: DEUTSCHE_BAHN });
  for (const t of texts.slice(0, 2000)) classify(t, { brand: DEUTSCHE_BAHN });

  const latencies = new Float64Array(texts.length);
  texts.forEach((t, i) => {
    const start = process.hrtime.bigint();
    classify(t, { brand: DEUTSCHE_BAHN });
    latencies[i] = Number(process.hrtime.bigint() - start) / 1e6;
  });
  latencies.sort();
  const p99Ms = latencies[Math.floor(latencies.length * 0.99)] ?? 0;
  const p50Ms = latencies[Math.floor(latencies.length * 0.5)] ?? 0;

  const messagesPerSecond = rate(texts, (t) => classify(t, { brand: DEUTSCHE_BAHN }));
  const baselineTokenizeOnlyPerSecond = rate(texts, (t) => tokenise(t));
  const rssAddedMb = (process.memoryUsage().rss - rssBefore) / MB;

  const dir = modelDirectory();
  const modelBytes = readdirSync(dir)
    .filter((f) => f.endsWith('.plm.gz'))
    .reduce((sum, f) => sum + statSync(`${dir}${f}`).size, 0);

  return {
    messages: texts.length,
    messagesPerSecond: Math.round(messagesPerSecond),
    p50Ms: Number(p50Ms.toFixed(4)),
    p99Ms: Number(p99Ms.toFixed(4)),
    modelMb: Number((modelBytes / MB).toFixed(2)),
    rssAddedMb: Number(rssAddedMb.toFixed(1)),
    baselineTokenizeOnlyPerSecond: Math.round(baselineTokenizeOnlyPerSecond),
    ratioToTokenizeOnly: Number((messagesPerSecond / baselineTokenizeOnlyPerSecond).toFixed(3)),
  };
}
