import { describe, expect, it } from 'vitest';
import { groupOutcomes, type OutcomeCase, totalOutcome } from './goodwill-outcome.js';

const base: OutcomeCase = { department: 'service', reason: 'late', channelId: 'c1', channelName: 'Shop', amountMinor: 1000, voucher: true, redeemed: false, retained: false, decided: true };

describe('goodwill outcome groups', () => {
  it('counts retained among decided cases only, and redemption among vouchers only', () => {
    const cases: OutcomeCase[] = [
      { ...base, retained: true, redeemed: true },
      { ...base },
      { ...base, decided: false },
      { ...base, voucher: false, amountMinor: 500 },
    ];
    expect(totalOutcome(cases)).toEqual({ key: null, name: null, cases: 4, amountMinor: 3500, decided: 3, retained: 1, retainedShare: 0.333, vouchers: 3, redeemed: 1, redemptionRate: 0.333 });
  });

  it('has no share while nothing is decided and no rate without vouchers', () => {
    expect(totalOutcome([{ ...base, decided: false, voucher: false }])).toMatchObject({ retainedShare: null, redemptionRate: null });
    expect(totalOutcome([])).toMatchObject({ cases: 0, retainedShare: null });
  });

  it('groups by the key given, largest group first', () => {
    const groups = groupOutcomes([{ ...base, department: 'sales' }, base, { ...base, retained: true }], (c) => ({ key: c.department, name: c.department }));
    expect(groups.map((g) => [g.key, g.cases, g.retained])).toEqual([['service', 2, 1], ['sales', 1, 0]]);
  });
});
