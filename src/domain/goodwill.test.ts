import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATEGORIES, type Category, type Sentiment } from '../nlp/labels.js';
import { CATEGORY_WEIGHT, type GoodwillCase, recommendGoodwill, SENTIMENT_WEIGHT } from './goodwill.js';
import { DEFAULT_GOODWILL_POLICY, GOODWILL_TYPES, type GoodwillPolicy } from './goodwill-policy.js';

const calm: GoodwillCase = { category: 'question', sentiment: 'neutral', urgent: false, repeatContacts: 0, slaBreached: false, lifetimeValue: null, reach: { public: false, followers: 0 } };
const angryRegular: GoodwillCase = {
  category: 'complaint',
  sentiment: 'negative',
  urgent: true,
  repeatContacts: 2,
  slaBreached: true,
  lifetimeValue: { amount: 2000, currency: 'EUR' },
  reach: { public: false, followers: 0 },
};
const codes = (c: GoodwillCase, policy: GoodwillPolicy = DEFAULT_GOODWILL_POLICY) => recommendGoodwill(c, policy).reasons.map((r) => r.code);

// Default policy: acquisition cost 40 €, caps voucher 150, refund 500, gift 50, free shipping 15.
describe('goodwill recommendation: documented cases', () => {
  const cases: { name: string; input: GoodwillCase; policy?: GoodwillPolicy; type: string; amount: number; codes: string[] }[] = [
    {
      name: 'praise in a happy tone: severity 0, nothing to make good; a gift would be the kind',
      input: { ...calm, category: 'praise', sentiment: 'positive' },
      type: 'gift',
      amount: 0,
      codes: ['category', 'acquisition_cost', 'no_goodwill', 'type.preferred'],
    },
    {
      name: 'a neutral question: severity 0.1 + 0.1 = 0.2 of 40 € = 8 € voucher',
      input: calm,
      type: 'voucher',
      amount: 8,
      codes: ['category', 'sentiment.neutral', 'acquisition_cost', 'type.preferred'],
    },
    {
      name: 'a delivery problem in a calm tone: 0.3 × 40 € = 12 €, within the free-shipping cap',
      input: { ...calm, category: 'delivery', sentiment: 'positive' },
      type: 'free_shipping',
      amount: 12,
      codes: ['category', 'acquisition_cost', 'type.preferred'],
    },
    {
      name: 'a neutral delivery problem: 0.4 × 40 € = 16 € is above the 15 € free-shipping cap, so a voucher',
      input: { ...calm, category: 'delivery' },
      type: 'voucher',
      amount: 16,
      codes: ['category', 'sentiment.neutral', 'acquisition_cost', 'type.next_within_cap'],
    },
    {
      name: 'an angry billing case: 0.4 + 0.3 = 0.7 × 40 € = 28 € refund',
      input: { ...calm, category: 'billing', sentiment: 'negative' },
      type: 'refund',
      amount: 28,
      codes: ['category', 'sentiment.negative', 'acquisition_cost', 'type.preferred'],
    },
    {
      name: 'an angry, urgent repeat customer worth 2000 € after a missed SLA: severity 1 × (40 € + 5 % of 2000 €) = 140 € voucher',
      input: angryRegular,
      type: 'voucher',
      amount: 140,
      codes: ['category', 'sentiment.negative', 'urgent', 'repeat_contacts', 'sla_breached', 'acquisition_cost', 'lifetime_value', 'type.preferred'],
    },
    {
      name: 'the same complaint posted publicly to 10 000 followers: × 1.75 = 245 €, beyond the voucher cap, so a refund',
      input: { ...angryRegular, reach: { public: true, followers: 10_000 } },
      type: 'refund',
      amount: 245,
      codes: ['category', 'sentiment.negative', 'urgent', 'repeat_contacts', 'sla_breached', 'acquisition_cost', 'lifetime_value', 'public_reach', 'type.next_within_cap'],
    },
    {
      name: 'a public cancellation by a 10 000 € customer with a million followers: 1 × 540 € × 2 = 1080 €, capped at 500 €; a voucher does not go that high, so a refund',
      input: { ...calm, category: 'cancellation', sentiment: 'negative', repeatContacts: 3, lifetimeValue: { amount: 10_000, currency: 'EUR' }, reach: { public: true, followers: 1_000_000 } },
      type: 'refund',
      amount: 500,
      codes: ['category', 'sentiment.negative', 'repeat_contacts', 'acquisition_cost', 'lifetime_value', 'public_reach', 'capped', 'type.next_within_cap'],
    },
    {
      name: 'a lifetime value in another currency is not converted and counts for nothing: 0.7 × 40 € = 28 €',
      input: { ...calm, category: 'complaint', sentiment: 'negative', lifetimeValue: { amount: 5000, currency: 'CHF' } },
      type: 'voucher',
      amount: 28,
      codes: ['category', 'sentiment.negative', 'acquisition_cost', 'lifetime_value.other_currency', 'type.preferred'],
    },
    {
      name: 'vouchers and refunds switched off: the kind with the widest cap carries the amount',
      input: { ...calm, category: 'complaint', sentiment: 'negative' },
      policy: { ...DEFAULT_GOODWILL_POLICY, caps: { voucher: 0, refund: 0, gift: 20, free_shipping: 100 } },
      type: 'free_shipping',
      amount: 28,
      codes: ['category', 'sentiment.negative', 'acquisition_cost', 'type.widest_cap'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = recommendGoodwill(c.input, c.policy ?? DEFAULT_GOODWILL_POLICY);
      expect({ type: r.type, amount: r.amount, currency: r.currency }).toEqual({ type: c.type, amount: c.amount, currency: 'EUR' });
      expect(r.reasons.map((x) => x.code)).toEqual(c.codes);
    });
  }

  it('explains itself in German and English with the figures it used', () => {
    const r = recommendGoodwill({ ...angryRegular, reach: { public: true, followers: 10_000 } }, DEFAULT_GOODWILL_POLICY);
    const reach = r.reasons.find((x) => x.code === 'public_reach');
    expect(reach).toMatchObject({ params: { followers: 10_000, multiplier: 1.75 }, de: 'Die Beschwerde ist öffentlich sichtbar (10.000 Follower).', en: 'The complaint is public (10,000 followers).' });
    expect(r.reasons.find((x) => x.code === 'acquisition_cost')).toMatchObject({ de: 'Einen neuen Kunden zu gewinnen kostet 40,00\u00a0€.', en: 'Winning a new customer costs €40.00.' });
    for (const reason of r.reasons) {
      expect(reason.de.length).toBeGreaterThan(5);
      expect(reason.en.length).toBeGreaterThan(5);
      expect(reason.de).not.toBe(reason.en);
    }
  });

  it('counts at most three repeat contacts', () => {
    expect(recommendGoodwill({ ...calm, repeatContacts: 3 }, DEFAULT_GOODWILL_POLICY).amount).toBe(recommendGoodwill({ ...calm, repeatContacts: 30 }, DEFAULT_GOODWILL_POLICY).amount);
    expect(codes({ ...calm, repeatContacts: 0 })).not.toContain('repeat_contacts');
  });
});

// Severity order of the contract: a later entry is at least as severe.
const SENTIMENT_ORDER: (Sentiment | null)[] = ['positive', 'neutral', null, 'negative'];
const sentimentRank = (s: Sentiment | null) => (s === null ? SENTIMENT_WEIGHT.neutral : SENTIMENT_WEIGHT[s]);
const categoryRank = (c: Category | null) => CATEGORY_WEIGHT[c ?? 'other'];

const amount = fc.double({ min: 0, max: 50_000, noNaN: true });
// Small audiences are where a public case and a private one differ least: draw them as often as big ones.
const followersArb = fc.oneof(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 50_000_000 }));
const policyArb: fc.Arbitrary<GoodwillPolicy> = fc.record({
  acquisitionCost: fc.double({ min: 0, max: 2000, noNaN: true }),
  currency: fc.constant('EUR'),
  caps: fc.record({ voucher: fc.integer({ min: 0, max: 2000 }), refund: fc.integer({ min: 0, max: 2000 }), gift: fc.integer({ min: 0, max: 2000 }), free_shipping: fc.integer({ min: 0, max: 2000 }) }),
  approvalLimits: fc.record({ agent: fc.integer({ min: 0, max: 2000 }) }),
});
const caseArb: fc.Arbitrary<GoodwillCase> = fc.record({
  category: fc.constantFrom<Category | null>(...CATEGORIES, null),
  sentiment: fc.constantFrom(...SENTIMENT_ORDER),
  urgent: fc.boolean(),
  repeatContacts: fc.integer({ min: 0, max: 10 }),
  slaBreached: fc.boolean(),
  lifetimeValue: fc.option(fc.record({ amount, currency: fc.constantFrom('EUR', 'CHF') })),
  reach: fc.record({ public: fc.boolean(), followers: followersArb }),
});

/** A case at least as severe as `c` in every respect, and possibly more in some. */
const moreSevere = (c: GoodwillCase) =>
  fc.record({
    category: fc.constantFrom<Category | null>(...CATEGORIES, null).filter((x) => categoryRank(x) >= categoryRank(c.category)),
    sentiment: fc.constantFrom(...SENTIMENT_ORDER).filter((s) => sentimentRank(s) >= sentimentRank(c.sentiment)),
    urgent: c.urgent ? fc.constant(true) : fc.boolean(),
    repeatContacts: fc.integer({ min: c.repeatContacts, max: c.repeatContacts + 5 }),
    slaBreached: c.slaBreached ? fc.constant(true) : fc.boolean(),
  }).map((s) => ({ ...c, ...s }));

describe('goodwill recommendation: monotonicity (never lower, all else equal)', () => {
  const amountOf = (c: GoodwillCase, p: GoodwillPolicy) => recommendGoodwill(c, p).amount;

  it('a higher lifetime value never lowers the amount', () => {
    fc.assert(
      fc.property(caseArb, policyArb, amount, amount, (c, p, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(amountOf({ ...c, lifetimeValue: { amount: high, currency: 'EUR' } }, p)).toBeGreaterThanOrEqual(amountOf({ ...c, lifetimeValue: { amount: low, currency: 'EUR' } }, p));
        expect(amountOf({ ...c, lifetimeValue: { amount: low, currency: 'EUR' } }, p)).toBeGreaterThanOrEqual(amountOf({ ...c, lifetimeValue: null }, p));
      }),
      { numRuns: 500 },
    );
  });

  it('a more severe case never lowers the amount', () => {
    fc.assert(
      fc.property(
        caseArb.chain((c) => fc.tuple(fc.constant(c), moreSevere(c))),
        policyArb,
        ([c, worse], p) => {
          expect(amountOf(worse, p)).toBeGreaterThanOrEqual(amountOf(c, p));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('a larger public reach never lowers the amount', () => {
    fc.assert(
      fc.property(caseArb, policyArb, followersArb, followersArb, (c, p, a, b) => {
        const [few, many] = a <= b ? [a, b] : [b, a];
        expect(amountOf({ ...c, reach: { public: true, followers: many } }, p)).toBeGreaterThanOrEqual(amountOf({ ...c, reach: { public: true, followers: few } }, p));
        expect(amountOf({ ...c, reach: { public: true, followers: few } }, p)).toBeGreaterThanOrEqual(amountOf({ ...c, reach: { public: false, followers: few } }, p));
      }),
      { numRuns: 500 },
    );
  });

  it('stays within the cap of the type it recommends, and is a whole, non-negative amount', () => {
    fc.assert(
      fc.property(caseArb, policyArb, (c, p) => {
        const r = recommendGoodwill(c, p);
        expect(GOODWILL_TYPES).toContain(r.type);
        expect(r.amount).toBeGreaterThanOrEqual(0);
        expect(Number.isInteger(r.amount)).toBe(true);
        expect(r.amount).toBeLessThanOrEqual(p.caps[r.type]);
      }),
      { numRuns: 500 },
    );
  });
});
