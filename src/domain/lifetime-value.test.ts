import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectedOrders, lifetimeValue, type LtvOrder } from './lifetime-value.js';
import type { OrderStatus } from './orders.js';

const DAY = 86_400_000;
const now = new Date('2026-06-30T00:00:00Z');
const daysAgo = (d: number): Date => new Date(now.getTime() - d * DAY);
const order = (ago: number, amountMinor: number, status: OrderStatus = 'delivered', currency = 'EUR'): LtvOrder => ({ orderedAt: daysAgo(ago), amountMinor, currency, status });
/** `count` orders of `amountMinor`, every `every` days, the newest `newest` days ago. */
const series = (count: number, every: number, newest: number, amountMinor: number): LtvOrder[] => Array.from({ length: count }, (_, i) => order(newest + i * every, amountMinor));

describe('lifetime value: documented examples', () => {
  const cases: { name: string; orders: LtvOrder[]; expected: { historic: number; predicted: number; currency: string; orders: number; lastOrderAt: string | null } }[] = [
    {
      name: 'no orders: nothing spent, nothing expected, stated in the workspace currency',
      orders: [],
      expected: { historic: 0, predicted: 0, currency: 'EUR', orders: 0, lastOrderAt: null },
    },
    {
      name: 'one order a month ago: one more order expected within the year (rate 1/365 days, still inside its gap)',
      orders: [order(30, 100_00)],
      expected: { historic: 100, predicted: 100, currency: 'EUR', orders: 1, lastOrderAt: daysAgo(30).toISOString() },
    },
    {
      name: 'one order two years ago: the rate halves (1 order in 730 days), so half an order is expected',
      orders: [order(730, 100_00)],
      expected: { historic: 100, predicted: 50, currency: 'EUR', orders: 1, lastOrderAt: daysAgo(730).toISOString() },
    },
    {
      name: 'a monthly customer (24 × 50 € over 700 days, last 10 days ago): 24/700·365 = 12.51 orders × 50 €',
      orders: series(24, 30, 10, 50_00),
      expected: { historic: 1200, predicted: 625.71, currency: 'EUR', orders: 24, lastOrderAt: daysAgo(10).toISOString() },
    },
    {
      name: 'a lapsed customer (12 × 80 €, silent for 400 days against a usual gap of 60.8): damped to exp(−5.58) of 6 orders',
      orders: series(12, 30, 400, 80_00),
      expected: { historic: 960, predicted: 1.82, currency: 'EUR', orders: 12, lastOrderAt: daysAgo(400).toISOString() },
    },
    {
      name: 'cancelled and refunded orders count for nothing; a return not (yet) refunded still counts',
      orders: [order(20, 100_00, 'paid'), order(15, 50_00, 'cancelled'), order(10, 30_00, 'refunded'), order(5, 20_00, 'returned')],
      expected: { historic: 120, predicted: 120, currency: 'EUR', orders: 2, lastOrderAt: daysAgo(5).toISOString() },
    },
    {
      name: 'amounts in a currency without decimals stay whole (JPY)',
      orders: [{ ...order(30, 5000), currency: 'JPY' }, { ...order(60, 5000), currency: 'JPY' }],
      expected: { historic: 10000, predicted: 10000, currency: 'JPY', orders: 2, lastOrderAt: daysAgo(30).toISOString() },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(lifetimeValue(c.orders, { now, workspaceCurrency: 'EUR' })).toEqual({ ...c.expected, otherCurrencies: [] });
    });
  }

  it('states the value in the currency most orders use and lists the others unconverted', () => {
    const v = lifetimeValue([order(10, 40_00, 'paid', 'CHF'), order(20, 60_00, 'paid', 'CHF'), order(30, 99_99, 'paid', 'EUR')], { now, workspaceCurrency: 'EUR' });
    expect(v).toMatchObject({ currency: 'CHF', historic: 100, orders: 2, otherCurrencies: [{ currency: 'EUR', historic: 99.99, orders: 1 }] });
  });

  it('breaks a tie between currencies in favour of the workspace currency', () => {
    const v = lifetimeValue([order(10, 40_00, 'paid', 'CHF'), order(20, 60_00, 'paid', 'EUR')], { now, workspaceCurrency: 'EUR' });
    expect(v).toMatchObject({ currency: 'EUR', historic: 60, otherCurrencies: [{ currency: 'CHF', historic: 40, orders: 1 }] });
  });

  it('ignores voided orders when choosing the currency', () => {
    const v = lifetimeValue([order(10, 40_00, 'cancelled', 'CHF'), order(11, 40_00, 'refunded', 'CHF'), order(20, 60_00, 'paid', 'EUR')], { now, workspaceCurrency: 'USD' });
    expect(v).toMatchObject({ currency: 'EUR', historic: 60, orders: 1, otherCurrencies: [] });
  });
});

describe('lifetime value: properties', () => {
  const orders = fc.array(
    fc.record({
      ago: fc.integer({ min: 0, max: 3000 }),
      amountMinor: fc.integer({ min: 0, max: 1_000_000 }),
      status: fc.constantFrom<OrderStatus>('placed', 'paid', 'shipped', 'delivered', 'cancelled', 'returned', 'refunded'),
    }),
    { maxLength: 40 },
  );

  it('historic is the sum of the counted orders and predicted is never negative', () => {
    fc.assert(
      fc.property(orders, (rows) => {
        const v = lifetimeValue(rows.map((r) => order(r.ago, r.amountMinor, r.status)), { now, workspaceCurrency: 'EUR' });
        const counted = rows.filter((r) => r.status !== 'cancelled' && r.status !== 'refunded');
        expect(Math.round(v.historic * 100)).toBe(counted.reduce((s, r) => s + r.amountMinor, 0));
        expect(v.orders).toBe(counted.length);
        expect(v.predicted).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('the longer a customer stays silent, the less is expected of them', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 2000 }), (count, span, silence, later, more) => {
        const first = new Date(now.getTime() - (span + silence) * DAY);
        const last = new Date(now.getTime() - silence * DAY);
        const t1 = new Date(now.getTime() + later * DAY);
        const t2 = new Date(t1.getTime() + more * DAY);
        expect(expectedOrders(count, first, last, t2)).toBeLessThanOrEqual(expectedOrders(count, first, last, t1) + 1e-12);
      }),
    );
  });
});
