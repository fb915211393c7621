import { AppError } from '../../domain/errors.js';
import type { Review } from '../review-message.js';

// Review exports from portals without an API here (Trusted Shops, Idealo …), as CSV or JSON with
// the fields id, date, rating, author, title, text, language. Every bad row is reported with its
// line (CSV) or position (JSON), and one bad row rejects the whole file, so an import is never
// half done.

export const MAX_IMPORT_ROWS = 10_000;
const MAX_FIELD = 20_000;
const MAX_REPORTED = 100;

export interface RowError {
  /** The CSV line the row starts on (the header is line 1), or the JSON item's position (from 1). */
  line: number;
  message: string;
}

type Fields = Partial<Record<'id' | 'date' | 'rating' | 'author' | 'title' | 'text' | 'language', string>>;

const FIELDS = ['id', 'date', 'rating', 'author', 'title', 'text', 'language'] as const;

/** CSV as RFC 4180 writes it, with the comma or (as German spreadsheets export) the semicolon. */
export function parseCsv(content: string): { line: number; cells: string[] }[] {
  const text = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const rows: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let rowLine = 1;
  let i = 0;
  let quoted = false;
  const endRow = () => {
    cells.push(cell);
    if (cells.length > 1 || cells[0] !== '') rows.push({ line: rowLine, cells });
    if (rows.length > MAX_IMPORT_ROWS + 1) throw new AppError('too_large', `The file has more than ${MAX_IMPORT_ROWS} rows; split it into several imports.`);
    cells = [];
    cell = '';
  };
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (c === '\n') line++;
        cell += c;
      }
      i++;
      continue;
    }
    if (c === '"' && cell === '') quoted = true;
    else if (c === delimiter) {
      cells.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      endRow();
      if (c === '\r' && text[i + 1] === '\n') i++;
      line++;
      rowLine = line;
    } else cell += c;
    i++;
  }
  if (quoted) throw new AppError('invalid', `Line ${rowLine}: a quoted field is never closed.`, { errors: [{ line: rowLine, message: 'a quoted field is never closed' }] });
  if (cell !== '' || cells.length > 0) endRow();
  return rows;
}

function reviewOf(fields: Fields): Review | string {
  const id = fields.id?.trim();
  if (!id) return 'id is missing';
  if (id.length > 200) return 'id is longer than 200 characters';
  const ratingText = fields.rating?.trim() ?? '';
  if (!/^[1-5]$/.test(ratingText)) return `rating must be a whole number from 1 to 5, not "${ratingText.slice(0, 20)}"`;
  let createdAt: Date | null = null;
  const date = fields.date?.trim();
  if (date) {
    createdAt = new Date(date);
    if (Number.isNaN(createdAt.getTime())) return `date "${date.slice(0, 40)}" is not a date (use ISO 8601, e.g. 2026-03-01 or 2026-03-01T10:00:00Z)`;
  }
  for (const f of FIELDS) if ((fields[f]?.length ?? 0) > MAX_FIELD) return `${f} is longer than ${MAX_FIELD} characters`;
  if (!fields.title?.trim() && !fields.text?.trim() && !fields.author?.trim()) return 'the row has a rating but no author, title or text';
  return { id, rating: Number(ratingText), title: fields.title ?? null, text: fields.text ?? null, author: fields.author ?? null, language: fields.language ?? null, createdAt };
}

function fromCsv(content: string): { line: number; fields: Fields }[] {
  const [header, ...rows] = parseCsv(content);
  if (!header) throw new AppError('invalid', 'The file is empty.', { errors: [{ line: 1, message: 'the file is empty' }] });
  const names = header.cells.map((h) => h.trim().toLowerCase());
  const missing = ['id', 'rating'].filter((n) => !names.includes(n));
  if (missing.length > 0) {
    const message = `the header names no ${missing.join(' and no ')} column (columns: ${FIELDS.join(', ')})`;
    throw new AppError('invalid', `Line 1: ${message}.`, { errors: [{ line: 1, message }] });
  }
  return rows.map((row) => {
    const fields: Fields = {};
    for (const [i, name] of names.entries()) if ((FIELDS as readonly string[]).includes(name)) fields[name as keyof Fields] = row.cells[i] ?? '';
    return { line: row.line, fields };
  });
}

function fromJson(content: string): { line: number; fields: Fields | string }[] {
  let data: unknown;
  try {
    data = JSON.parse(content);
  } catch (err) {
    const message = `not JSON: ${err instanceof Error ? err.message : String(err)}`;
    throw new AppError('invalid', `The file is ${message}`, { errors: [{ line: 1, message }] });
  }
  // Exports wrap the list in an object now and then ({ "reviews": [...] }).
  const list = Array.isArray(data) ? data : typeof data === 'object' && data !== null && 'reviews' in data && Array.isArray(data.reviews) ? (data.reviews as unknown[]) : null;
  if (!list) throw new AppError('invalid', 'The JSON must be a list of reviews (or an object with a "reviews" list).', { errors: [{ line: 1, message: 'not a list of reviews' }] });
  if (list.length > MAX_IMPORT_ROWS) throw new AppError('too_large', `The file has more than ${MAX_IMPORT_ROWS} reviews; split it into several imports.`);
  return list.map((item, i) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return { line: i + 1, fields: 'not an object' };
    const fields: Fields = {};
    for (const f of FIELDS) {
      const v = (item as Record<string, unknown>)[f];
      if (typeof v === 'string' || typeof v === 'number') fields[f] = String(v);
      else if (v !== undefined && v !== null) return { line: i + 1, fields: `${f} must be text or a number` };
    }
    return { line: i + 1, fields };
  });
}

/** Reads a whole export; throws AppError `invalid` with `details.errors` (line by line) if any row is bad. */
export function parseReviewImport(format: 'csv' | 'json', content: string): Review[] {
  const rows = format === 'csv' ? fromCsv(content) : fromJson(content);
  const errors: RowError[] = [];
  const reviews: Review[] = [];
  for (const row of rows) {
    const review = typeof row.fields === 'string' ? row.fields : reviewOf(row.fields);
    if (typeof review === 'string') errors.push({ line: row.line, message: review });
    else reviews.push(review);
  }
  if (errors.length > 0) {
    const where = format === 'csv' ? 'line' : 'item';
    const summary = errors.slice(0, 3).map((e) => `${where} ${e.line}: ${e.message}`).join('; ');
    throw new AppError('invalid', `${errors.length} of ${rows.length} rows are not valid reviews, so nothing was imported (${summary}${errors.length > 3 ? '; …' : ''}).`, { errors: errors.slice(0, MAX_REPORTED) });
  }
  return reviews;
}
