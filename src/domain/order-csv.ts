import { parseCsv } from './csv.js';
import { parseAmount } from './money.js';
import { type OrderInput, parseCurrency, parseOrderDate, parseOrderId, parseOrderStatus } from './orders.js';

export type ContactRef = { kind: 'id'; id: string } | { kind: 'email'; email: string };

export interface CsvOrder extends OrderInput {
  line: number;
  contact: ContactRef;
}

export interface LineProblem {
  line: number;
  field: string;
  message: string;
}

type Column = 'contact' | 'contactId' | 'email' | 'orderId' | 'date' | 'amount' | 'currency' | 'status';

// Header names as shops and spreadsheets write them, compared without case, accents or punctuation.
const ALIASES: Record<Column, string[]> = {
  contact: ['contact', 'customer', 'kunde'],
  contactId: ['contactid', 'parleycontactid'],
  email: ['email', 'contactemail', 'customeremail', 'emailaddress', 'mail', 'kundenemail'],
  orderId: ['orderid', 'order', 'id', 'ordernumber', 'ordernr', 'bestellnummer', 'bestellung'],
  date: ['date', 'orderdate', 'orderedat', 'createdat', 'datum', 'bestelldatum'],
  amount: ['amount', 'total', 'value', 'ordertotal', 'betrag', 'summe'],
  currency: ['currency', 'wahrung', 'waehrung'],
  status: ['status', 'orderstatus'],
};
/** Without a header row the columns are read in the documented order. */
const POSITIONAL: Column[] = ['contact', 'orderId', 'date', 'amount', 'currency', 'status'];
const REQUIRED = ['orderId', 'date', 'amount', 'currency', 'status'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function columnOf(header: string): Column | null {
  const key = header.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z]/g, '');
  for (const [column, names] of Object.entries(ALIASES) as [Column, string[]][]) if (names.includes(key)) return column;
  return null;
}

/** "49,90" and "1.234,50" from German exports become 49.90 and 1234.50. */
function normaliseAmount(text: string): string {
  const t = text.trim().replace(/\s/g, '');
  if (/^\d{1,3}(\.\d{3})+,\d+$/.test(t)) return t.replace(/\./g, '').replace(',', '.');
  if (/^\d+,\d+$/.test(t)) return t.replace(',', '.');
  return t;
}

function contactRef(value: string): ContactRef | { error: string } {
  const v = value.trim();
  if (UUID.test(v)) return { kind: 'id', id: v.toLowerCase() };
  if (EMAIL.test(v)) return { kind: 'email', email: v.toLowerCase() };
  return { error: v === '' ? 'is empty: give the contact id or e-mail address' : `"${v}" is neither a contact id nor an e-mail address` };
}

/**
 * Reads an order CSV. Every problem is reported with its line and field so the file can be fixed in one
 * go; the caller imports nothing unless the list is empty.
 */
export function parseOrderCsv(text: string, now: Date): { orders: CsvOrder[]; problems: LineProblem[] } {
  const parsed = parseCsv(text);
  if ('error' in parsed) return { orders: [], problems: [{ line: parsed.error.line, field: 'csv', message: parsed.error.message }] };
  const records = parsed.records;
  const first = records[0];
  if (!first) return { orders: [], problems: [{ line: 1, field: 'csv', message: 'the file holds no orders' }] };

  const named = first.cells.map(columnOf);
  const hasHeader = named.filter((c) => c !== null).length >= 3;
  const columns: (Column | null)[] = hasHeader ? named : POSITIONAL;
  const problems: LineProblem[] = [];
  if (hasHeader) {
    for (const col of REQUIRED) if (!columns.includes(col)) problems.push({ line: first.line, field: col, message: 'the header has no such column' });
    if (!columns.some((c) => c === 'contact' || c === 'contactId' || c === 'email')) problems.push({ line: first.line, field: 'contact', message: 'the header has no contact id or e-mail column' });
    if (problems.length > 0) return { orders: [], problems };
  }

  const orders: CsvOrder[] = [];
  const seen = new Map<string, number>();
  for (const record of hasHeader ? records.slice(1) : records) {
    const line = record.line;
    const cell: Partial<Record<Column, string>> = {};
    columns.forEach((col, i) => {
      const value = record.cells[i]?.trim();
      if (col && value) cell[col] = value;
    });
    if (record.cells.length > columns.length && record.cells.slice(columns.length).some((c) => c.trim() !== '')) {
      problems.push({ line, field: 'csv', message: `has ${record.cells.length} cells, the header ${columns.length}` });
      continue;
    }
    const rowProblems: LineProblem[] = [];
    const ref = contactRef(cell.contactId ?? cell.email ?? cell.contact ?? '');
    const id = parseOrderId(cell.orderId ?? '');
    const date = parseOrderDate(cell.date ?? '', now);
    const currency = parseCurrency(cell.currency ?? '');
    const amount = parseAmount(normaliseAmount(cell.amount ?? ''), 'currency' in currency ? currency.currency : 'EUR');
    const status = parseOrderStatus(cell.status ?? '');
    if ('error' in ref) rowProblems.push({ line, field: 'contact', message: ref.error });
    if ('error' in id) rowProblems.push({ line, field: 'orderId', message: id.error });
    if ('error' in date) rowProblems.push({ line, field: 'date', message: date.error });
    if ('error' in amount) rowProblems.push({ line, field: 'amount', message: amount.error });
    if ('error' in currency) rowProblems.push({ line, field: 'currency', message: currency.error });
    if ('error' in status) rowProblems.push({ line, field: 'status', message: status.error });
    if ('orderId' in id) {
      const earlier = seen.get(id.orderId);
      if (earlier !== undefined) rowProblems.push({ line, field: 'orderId', message: `order ${id.orderId} appears already on line ${earlier}` });
      else seen.set(id.orderId, line);
    }
    if (rowProblems.length > 0 || 'error' in ref || 'error' in id || 'error' in date || 'error' in amount || 'error' in currency || 'error' in status) {
      problems.push(...rowProblems);
      continue;
    }
    orders.push({ line, contact: ref, orderId: id.orderId, orderedAt: date.date, amountMinor: amount.minor, currency: currency.currency, status: status.status });
  }
  if (orders.length === 0 && problems.length === 0) problems.push({ line: first.line, field: 'csv', message: 'the file holds no orders' });
  return { orders, problems };
}
