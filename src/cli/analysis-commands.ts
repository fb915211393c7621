import { readFile } from 'node:fs/promises';
import { AppError } from '../domain/errors.js';
import { runSpikes } from '../listening/spikes-cli.js';
import { classifyStream } from '../nlp/index.js';
import { flags, required } from './args.js';
import type { Io } from './commands.js';

/** `parley classify [--json]`: JSON lines or plain lines on stdin, one result line per input. */
export async function classifyCommand(argv: string[], io: Io): Promise<void> {
  const f = flags(argv, { json: { type: 'boolean', default: false } });
  const count = await classifyStream(process.stdin, process.stdout, { json: f.json });
  if (!f.json) io.err(`${count} messages classified.`);
}

/** `parley spikes --input FILE.csv [--json]`: the listening detector over a `timestamp,value` series. */
export async function spikesCommand(argv: string[], io: Io): Promise<void> {
  const f = flags(argv, { input: { type: 'string' }, json: { type: 'boolean', default: false } });
  const file = required(f.input, 'input');
  const csv = await readFile(file, 'utf8').catch(() => {
    throw new AppError('not_found', `Cannot read ${file}: give a CSV file with timestamp,value rows.`);
  });
  const result = runSpikes(csv);
  if (f.json) io.out(JSON.stringify(result));
  else io.out(result.detections.length === 0 ? 'No alerts.' : result.detections.map((d) => `alert at ${d}`).join('\n'));
}
