// npm run bench -- NAME [--json]: runs bench/NAME.ts and prints its figures; with --json the
// figures are the last line, as one JSON object. Progress goes to stderr.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const ALIASES: Record<string, string> = { routing: 'routing-decisions' };

const args = process.argv.slice(2);
const json = args.includes('--json');
const name = args.find((a) => !a.startsWith('--'));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && !['run.ts'].includes(f) && !f.startsWith('_'))
  .map((f) => f.replace(/\.ts$/, ''));

if (!name || !available.includes(ALIASES[name] ?? name)) {
  process.stderr.write(`Usage: npm run bench -- NAME [--json]\nBenchmarks: ${available.join(', ')}\n`);
  process.exit(2);
}

const mod = (await import(pathToFileURL(path.join(here, `${ALIASES[name] ?? name}.ts`)).href)) as { run(): Promise<Record<string, unknown>> };
const started = Date.now();
const result = await mod.run();
if (json) {
  process.stdout.write(JSON.stringify(result) + '\n');
} else {
  for (const [k, v] of Object.entries(result)) process.stdout.write(`${k.padEnd(28)} ${typeof v === 'number' ? Math.round(v * 1000) / 1000 : JSON.stringify(v)}\n`);
  process.stdout.write(`(${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
}
process.exit(0);
