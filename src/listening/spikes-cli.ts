import { AppError } from '../domain/errors.js';
import { createSpikeDetector, type SpikeDetectorConfig } from './spike-detector.js';

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

export interface CountRow {
  timestamp: string;
  ts: Date;
  value: number;
}

/**
 * Reads `timestamp,value` CSV (header optional, timestamps "YYYY-MM-DD HH:MM:SS" in UTC,
 * ascending). Throws AppError('invalid') naming the 1-based line of the first bad row.
 */
export function parseCountsCsv(csvText: string): CountRow[] {
  const rows: CountRow[] = [];
  const lines = csvText.split(/\r?\n/);
  const first = lines.findIndex((l) => l.trim() !== '');
  lines.forEach((line, i) => {
    const lineNo = i + 1;
    if (line.trim() === '') return;
    const cells = line.split(',').map((cell) => cell.trim());
    // A header is any first line that does not start with a date.
    if (i === first && !/^\d/.test(cells[0] ?? '')) return;
    const [timestamp, raw, ...extra] = cells;
    const m = TIMESTAMP.exec(timestamp ?? '');
    const ts = m ? new Date(`${timestamp?.replace(' ', 'T')}Z`) : null;
    if (!m || !ts || Number.isNaN(ts.getTime()) || ts.toISOString().slice(0, 19) !== timestamp?.replace(' ', 'T')) {
      throw bad(lineNo, 'bad_timestamp', `line ${lineNo}: expected a timestamp like 2015-03-03 05:02:53, found "${timestamp ?? ''}"`);
    }
    const value = raw === undefined || raw === '' ? NaN : Number(raw);
    if (extra.length > 0 || !Number.isFinite(value) || value < 0) {
      throw bad(lineNo, 'bad_value', `line ${lineNo}: expected "timestamp,value" with a non-negative number, found "${line}"`);
    }
    const prev = rows[rows.length - 1];
    if (prev && ts.getTime() <= prev.ts.getTime()) {
      throw bad(lineNo, 'out_of_order', `line ${lineNo}: ${timestamp} is not after ${prev.timestamp}; rows must be in ascending time order`);
    }
    rows.push({ timestamp: timestamp ?? '', ts, value });
  });
  return rows;
}

/** Backs `parley spikes --input FILE.csv`: the timestamps at which the detector alerted. */
export function runSpikes(csvText: string, config: Partial<SpikeDetectorConfig> = {}): { detections: string[] } {
  const detector = createSpikeDetector(config);
  const detections: string[] = [];
  for (const row of parseCountsCsv(csvText)) {
    if (detector.push(row.ts, row.value)) detections.push(row.timestamp);
  }
  return { detections };
}

function bad(line: number, reason: string, message: string): AppError {
  return new AppError('invalid', message, { line, reason });
}
