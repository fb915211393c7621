import { isCurrency, parseAmount } from './money.js';

export const ORDER_STATUSES = ['placed', 'paid', 'shipped', 'delivered', 'cancelled', 'returned', 'refunded'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Orders whose money the customer did not (or no longer) spend; they count for nothing. */
export const VOID_STATUSES: readonly OrderStatus[] = ['cancelled', 'refunded'];

export interface OrderInput {
  orderId: string;
  orderedAt: Date;
  amountMinor: number;
  currency: string;
  status: OrderStatus;
  /** A goodwill voucher the customer used on this order (JSON import only): recorded as redeemed. */
  voucherCode?: string;
}

export interface FieldProblem {
  field: string;
  message: string;
}

const ORDER_FIELDS = ['id', 'date', 'amount', 'currency', 'status', 'voucherCode'] as const;
const DAY = 86_400_000;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** A calendar date means midnight UTC; a date-time must say its offset, so no order shifts by a time zone guess. */
export function parseOrderDate(value: unknown, now: Date): { date: Date } | { error: string } {
  if (typeof value !== 'string') return { error: 'must be a date (2026-03-01) or a date-time with offset (2026-03-01T14:30:00+01:00)' };
  const text = value.trim();
  let date: Date;
  const d = DATE_ONLY.exec(text);
  if (d) {
    date = new Date(Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3])));
    if (date.toISOString().slice(0, 10) !== text) return { error: `"${text}" is not a calendar date` };
  } else if (DATE_TIME.test(text) && !Number.isNaN(Date.parse(text))) {
    date = new Date(text);
  } else {
    return { error: `"${text}" is not a date (2026-03-01) or a date-time with offset (2026-03-01T14:30:00+01:00)` };
  }
  // A day of slack covers shops in other time zones; anything later is a typo.
  if (date.getTime() > now.getTime() + DAY) return { error: 'lies in the future' };
  if (date.getUTCFullYear() < 1970) return { error: 'is before 1970' };
  return { date };
}

export function parseOrderStatus(value: unknown): { status: OrderStatus } | { error: string } {
  const text = typeof value === 'string' ? value.trim().toLowerCase() : '';
  const status = ORDER_STATUSES.find((s) => s === text);
  return status ? { status } : { error: `must be one of ${ORDER_STATUSES.join(', ')}` };
}

export function parseCurrency(value: unknown): { currency: string } | { error: string } {
  const text = typeof value === 'string' ? value.trim().toUpperCase() : '';
  return isCurrency(text) ? { currency: text } : { error: 'must be a three-letter ISO 4217 code such as EUR' };
}

export function parseOrderId(value: unknown): { orderId: string } | { error: string } {
  const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : typeof value === 'string' ? value.trim() : '';
  if (text.length === 0) return { error: 'must be a non-empty string' };
  if (text.length > 200) return { error: 'must be at most 200 characters' };
  return { orderId: text };
}

/** Validates one order as the JSON API receives it; every problem of the row is reported, not just the first. */
export function parseOrder(raw: Record<string, unknown>, now: Date): { order: OrderInput } | { problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  for (const key of Object.keys(raw)) {
    if (!(ORDER_FIELDS as readonly string[]).includes(key)) problems.push({ field: key, message: `is not an order field (expected ${ORDER_FIELDS.join(', ')})` });
  }
  const id = parseOrderId(raw.id);
  const date = parseOrderDate(raw.date, now);
  const currency = parseCurrency(raw.currency);
  const status = parseOrderStatus(raw.status);
  const amount = 'currency' in currency ? parseAmount(raw.amount, currency.currency) : parseAmount(raw.amount, 'EUR');
  if ('error' in id) problems.push({ field: 'id', message: id.error });
  if ('error' in date) problems.push({ field: 'date', message: date.error });
  if ('error' in amount) problems.push({ field: 'amount', message: amount.error });
  if ('error' in currency) problems.push({ field: 'currency', message: currency.error });
  if ('error' in status) problems.push({ field: 'status', message: status.error });
  const voucher = raw.voucherCode;
  const voucherOk = voucher === undefined || (typeof voucher === 'string' && voucher.trim().length > 0 && voucher.trim().length <= 64);
  if (!voucherOk) problems.push({ field: 'voucherCode', message: 'must be a voucher code of 1 to 64 characters' });
  if (problems.length > 0 || 'error' in id || 'error' in date || 'error' in amount || 'error' in currency || 'error' in status) return { problems };
  const order: OrderInput = { orderId: id.orderId, orderedAt: date.date, amountMinor: amount.minor, currency: currency.currency, status: status.status };
  return { order: typeof voucher === 'string' ? { ...order, voucherCode: voucher.trim() } : order };
}
