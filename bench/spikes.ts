// Spike detector on NAB realTweets (10 Twitter volume series, 5-minute counts): one
// configuration for every series, scored by the NAB standard profile with the shared
// scorer, next to the published figures of other detectors.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runSpikes } from '../src/listening/spikes-cli.js';

const NAB = fileURLToPath(new URL('../../shared/data/nab-realtweets/', import.meta.url));

const PUBLISHED = {
  contextOSE: 74.5,
  skyline: 68.9,
  numentaHTM: 68.0,
  knnCad: 64.3,
  twitterADVec: 59.6,
  windowedGaussian: 51.4,
};

export async function run(): Promise<Record<string, number>> {
  const files = readdirSync(join(NAB, 'data')).filter((f) => f.endsWith('.csv')).sort();
  const detections: Record<string, string[]> = {};
  let alerts = 0;
  for (const file of files) {
    detections[file] = runSpikes(readFileSync(join(NAB, 'data', file), 'utf8')).detections;
    alerts += detections[file].length;
  }
  const dir = mkdtempSync(join(tmpdir(), 'parley-spikes-'));
  try {
    const out = join(dir, 'detections.json');
    writeFileSync(out, JSON.stringify(detections));
    const report = execFileSync('python3', [join(NAB, 'nab_score.py'), join(NAB, 'windows.json'), out], { encoding: 'utf8' });
    const score = /nab_standard=(-?[\d.]+)/.exec(report)?.[1];
    if (score === undefined) throw new Error(`nab_score.py printed no score:\n${report}`);
    return { nabStandard: Number(score), series: files.length, alerts, ...PUBLISHED };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
