// `npm run bench -- classify --json`: throughput and latency of classify() with every field (language,
// sentiment, category, relevance against a brand profile, urgency, PII) on one core, beside the
// throughput of tokenising the same texts in the same run. Throughput is counted per CPU-second
// of this process (getrusage), so other load on the machine does not masquerade as slowness.
import { readdirSync, statSync } from 'node:fs';
import { classify } from '../src/nlp/index.js';
import { modelDirectory } from '../src/nlp/model-store.js';
import { tokenise } from '../src/nlp/tokenise.js';
import { DEUTSCHE_BAHN } from '../scripts/nlp-brand-db.js';
import { banking77, germeval, sb10k } from '../scripts/nlp-data.js';

const MIN_SECONDS = 3;
const LATENCY_RUNS = 3;
const MB = 1024 * 1024;

function messages(): string[] {
  return [
    ...sb10k('test').map((r) => r.text),
    ...banking77('test').map((r) => r.text),
    ...germeval('test_dia').map((r) => r.text),
  ];
}

interface Rate {
  /** Messages per CPU-second of this process: what one core delivers, even on a shared machine. */
  perCpuSecond: number;
  perWallSecond: number;
}

function rate(texts: string[], work: (text: string) => void): Rate {
  let done = 0;
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < MIN_SECONDS) {
    for (const t of texts) work(t);
    done += texts.length;
    elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  }
  const cpu = process.cpuUsage(cpuStart);
  return { perCpuSecond: done / ((cpu.user + cpu.system) / 1e6), perWallSecond: done / elapsed };
}

/** Per-message latency as the best of a few runs, so time slices lost to other processes do not count. */
function latencies(texts: string[], work: (text: string) => void): Float64Array {
  const out = new Float64Array(texts.length);
  texts.forEach((t, i) => {
    let best = Infinity;
    for (let r = 0; r < LATENCY_RUNS; r++) {
      const start = process.hrtime.bigint();
      work(t);
      best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
    }
    out[i] = best;
  });
  return out.sort();
}

export async function run(): Promise<Record<string, number>> {
  const texts = messages();
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  classify('warm up', { brand: DEUTSCHE_BAHN });
  for (const t of texts.slice(0, 2000)) classify(t, { brand: DEUTSCHE_BAHN });

  const classifyOne = (t: string): void => {
    classify(t, { brand: DEUTSCHE_BAHN });
  };
  const sorted = latencies(texts, classifyOne);
  const p99Ms = sorted[Math.floor(sorted.length * 0.99)] ?? 0;
  const p50Ms = sorted[Math.floor(sorted.length * 0.5)] ?? 0;

  const full = rate(texts, classifyOne);
  const baseline = rate(texts, (t) => {
    tokenise(t);
  });
  const rssAddedMb = (process.memoryUsage().rss - rssBefore) / MB;

  const dir = modelDirectory();
  const modelBytes = readdirSync(dir)
    .filter((f) => f.endsWith('.plm.gz'))
    .reduce((sum, f) => sum + statSync(`${dir}${f}`).size, 0);

  return {
    messages: texts.length,
    messagesPerSecond: Math.round(full.perCpuSecond),
    messagesPerWallSecond: Math.round(full.perWallSecond),
    p50Ms: Number(p50Ms.toFixed(4)),
    p99Ms: Number(p99Ms.toFixed(4)),
    modelMb: Number((modelBytes / MB).toFixed(2)),
    rssAddedMb: Number(rssAddedMb.toFixed(1)),
    baselineTokenizeOnlyPerSecond: Math.round(baseline.perCpuSecond),
    ratioToTokenizeOnly: Number((full.perCpuSecond / baseline.perCpuSecond).toFixed(3)),
  };
}
