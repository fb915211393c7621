import type { Category, Sentiment } from '../nlp/labels.js';
import { GOODWILL_TYPES, type GoodwillPolicy, type GoodwillType } from './goodwill-policy.js';
import { formatMoney } from './money.js';

/** What Parley knows about a case when it recommends goodwill. */
export interface GoodwillCase {
  category: Category | null;
  sentiment: Sentiment | null;
  urgent: boolean;
  /** The contact's other conversations in the last 90 days. */
  repeatContacts: number;
  slaBreached: boolean;
  /** Historic plus predicted value; counted only when stated in the policy's currency. */
  lifetimeValue: { amount: number; currency: string } | null;
  /** Whether the complaint is visible to the public, and how many people follow its author. */
  reach: { public: boolean; followers: number };
}

/** A stable code for programs, its parameters, and the sentence an agent reads in either language. */
export interface GoodwillReason {
  code: string;
  params: Record<string, string | number>;
  de: string;
  en: string;
}

export interface GoodwillRecommendation {
  type: GoodwillType;
  amount: number;
  currency: string;
  reasons: GoodwillReason[];
}

/**
 * How much each fact adds to the severity of a case (0 … 1). The category order is the severity order
 * of the contract: praise < question = other < technical < delivery < complaint = billing < cancellation.
 */
export const CATEGORY_WEIGHT: Record<Category, number> = {
  praise: 0,
  question: 0.1,
  other: 0.1,
  technical: 0.25,
  delivery: 0.3,
  complaint: 0.4,
  billing: 0.4,
  cancellation: 0.5,
};
export const SENTIMENT_WEIGHT: Record<Sentiment, number> = { positive: 0, neutral: 0.1, negative: 0.3 };
export const URGENT_WEIGHT = 0.1;
export const REPEAT_WEIGHT = 0.1;
export const MAX_REPEATS_COUNTED = 3;
export const SLA_BREACH_WEIGHT = 0.15;
/** Share of the customer's lifetime value that goodwill may reasonably put on the table. */
export const LIFETIME_VALUE_SHARE = 0.05;

const CATEGORY_NAME: Record<Category, { de: string; en: string }> = {
  praise: { de: 'Lob', en: 'praise' },
  question: { de: 'eine Frage', en: 'a question' },
  other: { de: 'ein sonstiges Anliegen', en: 'another matter' },
  technical: { de: 'ein technisches Problem', en: 'a technical problem' },
  delivery: { de: 'ein Lieferproblem', en: 'a delivery problem' },
  complaint: { de: 'eine Reklamation', en: 'a complaint' },
  billing: { de: 'ein Rechnungs- oder Zahlungsproblem', en: 'a billing problem' },
  cancellation: { de: 'eine Kündigung oder Stornierung', en: 'a cancellation' },
};

const TYPE_NAME: Record<GoodwillType, { de: string; en: string }> = {
  voucher: { de: 'Gutschein', en: 'voucher' },
  refund: { de: 'Erstattung', en: 'refund' },
  gift: { de: 'Geschenk', en: 'gift' },
  free_shipping: { de: 'kostenloser Versand', en: 'free shipping' },
};

/**
 * Which kind of goodwill fits a case, best first, and why. A delivery problem is made good where it
 * hurt (shipping), money taken wrongly goes back, praise gets a thank-you gift, and everything else a
 * voucher, which also brings the customer back to the shop.
 */
const TYPE_PREFERENCE: Record<Category, { order: GoodwillType[]; de: string; en: string }> = {
  delivery: { order: ['free_shipping', 'voucher', 'refund'], de: 'Bei Lieferproblemen gleicht kostenloser Versand den Ärger dort aus, wo er entstand.', en: 'For a delivery problem, free shipping makes good where it hurt.' },
  billing: { order: ['refund', 'voucher'], de: 'Bei Rechnungsproblemen gibt eine Erstattung das Geld direkt zurück.', en: 'For a billing problem, a refund returns the money directly.' },
  praise: { order: ['gift', 'voucher'], de: 'Lob verdient ein kleines Dankeschön-Geschenk.', en: 'Praise deserves a small thank-you gift.' },
  cancellation: { order: ['voucher', 'refund'], de: 'Ein Gutschein gibt einen Grund, zu bleiben und wieder zu bestellen.', en: 'A voucher gives a reason to stay and order again.' },
  complaint: { order: ['voucher', 'refund'], de: 'Ein Gutschein entschädigt und bringt den Kunden zurück in den Shop.', en: 'A voucher compensates and brings the customer back to the shop.' },
  technical: { order: ['voucher', 'refund'], de: 'Ein Gutschein entschädigt und bringt den Kunden zurück in den Shop.', en: 'A voucher compensates and brings the customer back to the shop.' },
  question: { order: ['voucher', 'gift'], de: 'Ein Gutschein entschädigt und bringt den Kunden zurück in den Shop.', en: 'A voucher compensates and brings the customer back to the shop.' },
  other: { order: ['voucher', 'gift'], de: 'Ein Gutschein entschädigt und bringt den Kunden zurück in den Shop.', en: 'A voucher compensates and brings the customer back to the shop.' },
};

/** 1 for a private case; 1.25 for a public one, rising with the author's followers up to 2 (a million). */
export function reachMultiplier(reach: GoodwillCase['reach']): number {
  if (!reach.public) return 1;
  const followers = Math.max(0, Number.isFinite(reach.followers) ? reach.followers : 0);
  return 1.25 + Math.min(0.75, Math.log10(1 + followers) / 8);
}

interface Factor {
  weight: number;
  reason: GoodwillReason;
}

function severityFactors(c: GoodwillCase): Factor[] {
  const category = c.category ?? 'other';
  const sentiment = c.sentiment ?? 'neutral';
  const repeats = Math.min(MAX_REPEATS_COUNTED, Math.max(0, Math.floor(c.repeatContacts)));
  const factors: Factor[] = [
    {
      weight: CATEGORY_WEIGHT[category],
      reason: { code: 'category', params: { category, weight: CATEGORY_WEIGHT[category] }, de: `Es geht um ${CATEGORY_NAME[category].de}.`, en: `The case is ${CATEGORY_NAME[category].en}.` },
    },
  ];
  if (sentiment !== 'positive') {
    factors.push({
      weight: SENTIMENT_WEIGHT[sentiment],
      reason: sentiment === 'negative'
        ? { code: 'sentiment.negative', params: { weight: SENTIMENT_WEIGHT.negative }, de: 'Der Kunde ist verärgert (negativer Ton).', en: 'The customer is upset (negative tone).' }
        : { code: 'sentiment.neutral', params: { weight: SENTIMENT_WEIGHT.neutral }, de: 'Der Ton ist sachlich, aber nicht zufrieden.', en: 'The tone is matter-of-fact, not pleased.' },
    });
  }
  if (c.urgent) factors.push({ weight: URGENT_WEIGHT, reason: { code: 'urgent', params: { weight: URGENT_WEIGHT }, de: 'Der Fall ist dringend.', en: 'The case is urgent.' } });
  if (repeats > 0) {
    const weight = repeats * REPEAT_WEIGHT;
    factors.push({
      weight,
      reason: { code: 'repeat_contacts', params: { count: Math.floor(c.repeatContacts), weight }, de: `Der Kunde hat sich in 90 Tagen ${Math.floor(c.repeatContacts)}-mal zusätzlich gemeldet.`, en: `The customer got in touch ${Math.floor(c.repeatContacts)} more time(s) within 90 days.` },
    });
  }
  if (c.slaBreached) factors.push({ weight: SLA_BREACH_WEIGHT, reason: { code: 'sla_breached', params: { weight: SLA_BREACH_WEIGHT }, de: 'Wir haben die zugesagte Antwortzeit (SLA) überschritten.', en: 'We missed the promised response time (SLA).' } });
  return factors;
}

function chooseType(category: Category, amount: number, caps: GoodwillPolicy['caps']): { type: GoodwillType; fallback: boolean } {
  const usable = TYPE_PREFERENCE[category].order.find((t) => caps[t] > 0 && caps[t] >= amount);
  if (usable) return { type: usable, fallback: false };
  // No preferred kind goes high enough: the kind with the highest cap carries the amount (ties in list order).
  const widest = GOODWILL_TYPES.reduce((best, t) => (caps[t] > caps[best] ? t : best));
  return { type: widest, fallback: true };
}

/**
 * The goodwill Parley suggests for a case, and why (see docs/metrics.md, "Goodwill recommendation").
 *
 * amount = min(largest cap, round(severity × (acquisition cost + 5 % of lifetime value) × reach multiplier))
 *
 * Every factor enters through a non-decreasing function and caps only ever apply as one upper bound
 * (the largest cap of any type), so a higher lifetime value, a more severe case or a wider public reach
 * never lowers the amount; per-type caps decide only the type, never the amount.
 */
export function recommendGoodwill(c: GoodwillCase, policy: GoodwillPolicy): GoodwillRecommendation {
  const currency = policy.currency;
  const money = (amount: number) => ({ de: formatMoney(amount, currency, 'de'), en: formatMoney(amount, currency, 'en') });
  const factors = severityFactors(c);
  const severity = Math.min(1, factors.reduce((s, f) => s + f.weight, 0));
  const reasons: GoodwillReason[] = factors.filter((f) => f.weight > 0 || f.reason.code === 'category').map((f) => f.reason);

  const ltv = c.lifetimeValue && c.lifetimeValue.currency === currency ? Math.max(0, c.lifetimeValue.amount) : 0;
  const stake = policy.acquisitionCost + LIFETIME_VALUE_SHARE * ltv;
  const acquisition = money(policy.acquisitionCost);
  reasons.push({ code: 'acquisition_cost', params: { amount: policy.acquisitionCost, currency }, de: `Einen neuen Kunden zu gewinnen kostet ${acquisition.de}.`, en: `Winning a new customer costs ${acquisition.en}.` });
  if (ltv > 0) {
    const v = money(ltv);
    reasons.push({ code: 'lifetime_value', params: { amount: ltv, currency }, de: `Der Kunde ist ${v.de} wert (bisher und erwartet); 5 % davon fließen ein.`, en: `The customer is worth ${v.en} (to date and expected); 5 % of it counts.` });
  } else if (c.lifetimeValue && c.lifetimeValue.currency !== currency && c.lifetimeValue.amount > 0) {
    reasons.push({ code: 'lifetime_value.other_currency', params: { currency: c.lifetimeValue.currency }, de: `Der Kundenwert ist in ${c.lifetimeValue.currency} angegeben und wird nicht umgerechnet.`, en: `The customer value is stated in ${c.lifetimeValue.currency} and is not converted.` });
  }

  const multiplier = reachMultiplier(c.reach);
  if (c.reach.public) {
    const followers = Math.max(0, Math.floor(c.reach.followers));
    reasons.push({
      code: 'public_reach',
      params: { followers, multiplier: Math.round(multiplier * 100) / 100 },
      de: followers > 0 ? `Die Beschwerde ist öffentlich sichtbar (${followers.toLocaleString('de-DE')} Follower).` : 'Die Beschwerde ist öffentlich sichtbar.',
      en: followers > 0 ? `The complaint is public (${followers.toLocaleString('en-GB')} followers).` : 'The complaint is public.',
    });
  }

  const maxCap = Math.max(...GOODWILL_TYPES.map((t) => policy.caps[t]));
  // Goodwill is offered in whole units of the currency; rounding is non-decreasing, so it keeps the order.
  const raw = Math.round(severity * stake * multiplier);
  const amount = Math.min(maxCap, raw);
  if (raw > maxCap) {
    const cap = money(maxCap);
    reasons.push({ code: 'capped', params: { cap: maxCap, currency }, de: `Gedeckelt auf den Höchstbetrag der Richtlinie (${cap.de}).`, en: `Capped at the policy's maximum (${cap.en}).` });
  }

  const category = c.category ?? 'other';
  const { type, fallback } = chooseType(category, amount, policy.caps);
  const preference = TYPE_PREFERENCE[category];
  const preferred = preference.order[0] ?? type;
  if (amount === 0) {
    reasons.push({ code: 'no_goodwill', params: {}, de: 'Der Fall rechtfertigt keine Kulanz.', en: 'The case does not call for goodwill.' });
  }
  reasons.push(
    fallback
      ? { code: 'type.widest_cap', params: { type, category }, de: `${TYPE_NAME[type].de}: nur diese Art reicht bis zu diesem Betrag.`, en: `${cap1(TYPE_NAME[type].en)}: only this kind goes up to this amount.` }
      : type === preferred
        ? { code: 'type.preferred', params: { type, category }, de: `${TYPE_NAME[type].de}: ${preference.de}`, en: `${cap1(TYPE_NAME[type].en)}: ${preference.en}` }
        : { code: 'type.next_within_cap', params: { type, category }, de: `${TYPE_NAME[type].de}: ${TYPE_NAME[preferred].de} reicht laut Richtlinie nicht bis zu diesem Betrag.`, en: `${cap1(TYPE_NAME[type].en)}: the policy does not let ${TYPE_NAME[preferred].en} go this high.` },
  );
  return { type, amount, currency, reasons };
}

function cap1(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
