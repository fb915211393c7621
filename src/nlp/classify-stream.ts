// `parley classify`: one message per input line, one result per output line. A bad line becomes an
// error line in the output, so a single broken record never ends a long batch.
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { classify, type Classification } from './classify.js';

interface StreamOptions {
  json: boolean;
}

type Parsed = { id: unknown; text: string } | { error: string };

function parseLine(line: string, lineNumber: number): Parsed {
  if (!/^[[{"]/u.test(line)) return { id: lineNumber, text: line };
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { error: 'invalid JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { error: 'expected an object with "text"' };
  const record = value as Record<string, unknown>;
  if (typeof record.text !== 'string') return { error: 'missing string field "text"' };
  return { id: record.id ?? lineNumber, text: record.text };
}

function humanLine(id: unknown, c: Classification): string {
  const flags = [c.urgent ? `urgent(${c.urgentReasons.join(',')})` : '', c.pii.length ? `pii(${c.pii.map((p) => p.kind).join(',')})` : '']
    .filter(Boolean)
    .join(' ');
  return [String(id), c.language, `${c.sentiment}(${c.sentimentScore.toFixed(2)})`, c.category, c.relevant ? 'relevant' : 'irrelevant', flags]
    .join('\t')
    .trimEnd();
}

/**
 * Reads JSON lines `{ "id", "text" }` or plain text lines (id = line number) and writes one line per
 * non-empty input. Resolves to the number of messages classified; error lines are not counted.
 */
export async function classifyStream(
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
  opts: StreamOptions,
): Promise<number> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNumber = 0;
  let classified = 0;
  for await (const raw of lines) {
    lineNumber++;
    const line = raw.trim();
    if (!line) continue;
    const parsed = parseLine(line, lineNumber);
    let out: string;
    if ('error' in parsed) {
      out = opts.json ? JSON.stringify({ line: lineNumber, error: parsed.error }) : `line ${lineNumber}\terror: ${parsed.error}`;
    } else {
      const result = classify(parsed.text);
      classified++;
      out = opts.json ? JSON.stringify({ id: parsed.id, ...result }) : humanLine(parsed.id, result);
    }
    if (!output.write(`${out}\n`)) await once(output, 'drain');
  }
  return classified;
}
