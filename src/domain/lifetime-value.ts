import { toMajor } from './money.js';
import { type OrderStatus, VOID_STATUSES } from './orders.js';

export interface LtvOrder {
  orderedAt: Date;
  amountMinor: number;
  currency: string;
  status: OrderStatus;
}

export interface LifetimeValue {
  /** Sum of the counted orders in `currency`, in major units. */
  historic: number;
  /** Expected spend in the next twelve months, in major units. */
  predicted: number;
  currency: string;
  /** Counted orders (not cancelled, not refunded) in `currency`. */
  orders: number;
  lastOrderAt: string | null;
  /** Counted orders in other currencies: shown, never converted or added. */
  otherCurrencies: { currency: string; historic: number; orders: number }[];
}

const DAY = 86_400_000;
export const HORIZON_DAYS = 365;
/** Frequency is measured over at least a year, so a burst of orders last week does not read as a weekly habit. */
export const MIN_WINDOW_DAYS = 365;

/**
 * The currency a contact's value is stated in: the one most of the counted orders use; ties go to the
 * workspace's currency, then alphabetically. Without orders it is the workspace's currency.
 */
export function valueCurrency(orders: readonly LtvOrder[], workspaceCurrency: string): string {
  const counts = new Map<string, number>();
  for (const o of orders) counts.set(o.currency, (counts.get(o.currency) ?? 0) + 1);
  let best = workspaceCurrency;
  let bestCount = counts.get(workspaceCurrency) ?? 0;
  for (const [currency, n] of [...counts].sort(([a], [b]) => a.localeCompare(b))) {
    if (n > bestCount) {
      best = currency;
      bestCount = n;
    }
  }
  return best;
}

/**
 * Expected orders in the next twelve months: the contact's order rate (orders per day since the first
 * order, over at least a year) times the horizon, damped once the silence since the last order grows
 * longer than the contact's usual gap between orders.
 */
export function expectedOrders(count: number, firstAt: Date, lastAt: Date, now: Date): number {
  if (count === 0) return 0;
  const windowDays = Math.max(MIN_WINDOW_DAYS, (now.getTime() - firstAt.getTime()) / DAY);
  const ratePerDay = count / windowDays;
  const gapDays = 1 / ratePerDay;
  const silenceDays = Math.max(0, (now.getTime() - lastAt.getTime()) / DAY);
  const damping = silenceDays <= gapDays ? 1 : Math.exp(-(silenceDays - gapDays) / gapDays);
  return ratePerDay * HORIZON_DAYS * damping;
}

/** Historic and predicted value of one contact; see docs/metrics.md, "Customer lifetime value". */
export function lifetimeValue(orders: readonly LtvOrder[], options: { now: Date; workspaceCurrency: string }): LifetimeValue {
  const counted = orders.filter((o) => !VOID_STATUSES.includes(o.status));
  const currency = valueCurrency(counted, options.workspaceCurrency);
  const mine = counted.filter((o) => o.currency === currency);
  const historicMinor = mine.reduce((sum, o) => sum + o.amountMinor, 0);
  const times = mine.map((o) => o.orderedAt.getTime());
  const first = times.length > 0 ? new Date(Math.min(...times)) : null;
  const last = times.length > 0 ? new Date(Math.max(...times)) : null;
  const predictedMinor = first && last ? Math.round((historicMinor / mine.length) * expectedOrders(mine.length, first, last, options.now)) : 0;

  const others = new Map<string, { minor: number; orders: number }>();
  for (const o of counted) {
    if (o.currency === currency) continue;
    const acc = others.get(o.currency) ?? { minor: 0, orders: 0 };
    others.set(o.currency, { minor: acc.minor + o.amountMinor, orders: acc.orders + 1 });
  }
  return {
    historic: toMajor(historicMinor, currency),
    predicted: toMajor(predictedMinor, currency),
    currency,
    orders: mine.length,
    lastOrderAt: last?.toISOString() ?? null,
    otherCurrencies: [...others].sort(([a], [b]) => a.localeCompare(b)).map(([c, v]) => ({ currency: c, historic: toMajor(v.minor, c), orders: v.orders })),
  };
}
