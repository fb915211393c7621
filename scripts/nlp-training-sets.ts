// Assembles the training sets of the shipped models from the open data sets and the project's examples.
import { textFeatures } from '../src/nlp/features.js';
import { languageFeatures } from '../src/nlp/language.js';
import { CATEGORIES, type Category, type Sentiment } from '../src/nlp/labels.js';
import { compact } from '../src/nlp/sparse.js';
import { seededRandom } from '../src/runtime/seeded-random.js';
import type { TrainingExample } from '../src/nlp/train-linear.js';
import { CATEGORY_SAMPLES } from './nlp-examples-category.js';
import { ENGLISH_HEADLINES, LANGUAGE_SAMPLES, SHORT_SAMPLES } from './nlp-examples-language.js';
import { ENGLISH_SENTIMENT_SAMPLES } from './nlp-examples-sentiment.js';
import { GERMAN_SENTIMENT_SAMPLES } from './nlp-examples-sentiment-de.js';
import { banking77, bitext, sb10k, type Labelled } from './nlp-data.js';

export function features(text: string): TrainingExample['x'] {
  return compact(textFeatures(text).vector);
}

function universalFeatures(text: string): TrainingExample['x'] {
  const f = textFeatures(text);
  return compact(f.vector, 0, f.universalSize);
}

const SENTIMENT_OF_CATEGORY: Partial<Record<Category, Sentiment>> = {
  praise: 'positive',
  complaint: 'negative',
  question: 'neutral',
  other: 'neutral',
};

export interface SentimentSetOptions {
  /** Weight of the language-neutral copy of each SB-10k tweet (teaches lexicon features for English). */
  universalWeight: number;
  projectWeight: number;
}

export function sentimentSet(labels: readonly Sentiment[], opts: SentimentSetOptions): TrainingExample[] {
  const out: TrainingExample[] = [];
  for (const row of sb10k('train')) {
    const label = labels.indexOf(row.label);
    out.push({ x: features(row.text), label });
    if (opts.universalWeight > 0) out.push({ x: universalFeatures(row.text), label, weight: opts.universalWeight });
  }
  for (const row of [...ENGLISH_SENTIMENT_SAMPLES, ...GERMAN_SENTIMENT_SAMPLES]) {
    out.push({ x: features(row.text), label: labels.indexOf(row.label), weight: opts.projectWeight });
  }
  for (const [category, sentiment] of Object.entries(SENTIMENT_OF_CATEGORY)) {
    const samples = CATEGORY_SAMPLES[category as Category];
    for (const text of [...samples.de, ...samples.en]) {
      out.push({ x: features(text), label: labels.indexOf(sentiment), weight: opts.projectWeight });
    }
  }
  return out;
}

/**
 * The English model: SB-10k contributes only its language-neutral view (lexicon, emoji, punctuation),
 * so German word weights cannot misfire on English; English words come from the project's examples.
 */
export function englishSentimentSet(labels: readonly Sentiment[], opts: SentimentSetOptions): TrainingExample[] {
  const out: TrainingExample[] = [];
  for (const row of sb10k('train')) out.push({ x: universalFeatures(row.text), label: labels.indexOf(row.label) });
  for (const row of ENGLISH_SENTIMENT_SAMPLES) {
    out.push({ x: features(row.text), label: labels.indexOf(row.label), weight: opts.projectWeight });
  }
  for (const [category, sentiment] of Object.entries(SENTIMENT_OF_CATEGORY)) {
    for (const text of CATEGORY_SAMPLES[category as Category].en) {
      out.push({ x: features(text), label: labels.indexOf(sentiment), weight: opts.projectWeight });
    }
  }
  return out;
}

const BITEXT_CATEGORY: Record<string, Category> = {
  cancel_order: 'cancellation',
  check_cancellation_fee: 'cancellation',
  delete_account: 'cancellation',
  change_order: 'question',
  place_order: 'question',
  newsletter_subscription: 'question',
  create_account: 'question',
  edit_account: 'question',
  switch_account: 'question',
  contact_customer_service: 'question',
  contact_human_agent: 'question',
  track_order: 'delivery',
  delivery_options: 'delivery',
  delivery_period: 'delivery',
  change_shipping_address: 'delivery',
  set_up_shipping_address: 'delivery',
  check_invoice: 'billing',
  get_invoice: 'billing',
  check_payment_methods: 'billing',
  payment_issue: 'billing',
  check_refund_policy: 'billing',
  get_refund: 'billing',
  track_refund: 'billing',
  recover_password: 'technical',
  registration_problems: 'technical',
  complaint: 'complaint',
};

const BANKING_CATEGORY: Record<string, Category> = {
  card_arrival: 'delivery',
  card_delivery_estimate: 'delivery',
  terminate_account: 'cancellation',
  cancel_transfer: 'cancellation',
  card_payment_fee_charged: 'billing',
  extra_charge_on_statement: 'billing',
  transfer_fee_charged: 'billing',
  cash_withdrawal_charge: 'billing',
  direct_debit_payment_not_recognised: 'billing',
  refund_not_showing_up: 'billing',
  request_refund: 'billing',
  card_payment_wrong_exchange_rate: 'billing',
  pin_blocked: 'technical',
  passcode_forgotten: 'technical',
  card_not_working: 'technical',
  contactless_not_working: 'technical',
  virtual_card_not_working: 'technical',
  apple_pay_or_google_pay: 'technical',
  unable_to_verify_identity: 'technical',
  age_limit: 'question',
  supported_cards_and_currencies: 'question',
  country_support: 'question',
  order_physical_card: 'question',
  visa_or_mastercard: 'question',
  getting_spare_card: 'question',
};

const BANKING_PER_INTENT = 60;
const PROJECT_CATEGORY_WEIGHT = 6;
const OTHER_TWEETS = 200;

export function categorySet(labels: readonly Category[]): TrainingExample[] {
  const out: TrainingExample[] = [];
  const add = (text: string, category: Category, weight = 1): void => {
    out.push({ x: features(text), label: labels.indexOf(category), weight });
  };
  for (const row of bitext()) {
    const category = BITEXT_CATEGORY[row.label];
    if (category) add(row.text, category);
  }
  const perIntent = new Map<string, number>();
  for (const row of banking77('train')) {
    const category = BANKING_CATEGORY[row.label];
    const seen = perIntent.get(row.label) ?? 0;
    if (!category || seen >= BANKING_PER_INTENT) continue;
    perIntent.set(row.label, seen + 1);
    add(row.text, category);
  }
  for (const category of CATEGORIES) {
    const samples = CATEGORY_SAMPLES[category];
    for (const text of [...samples.de, ...samples.en]) add(text, category, PROJECT_CATEGORY_WEIGHT);
  }
  // Neutral German tweets stand for unrelated chatter; sentiment-bearing ones may be complaints or praise.
  const neutralTweets = sb10k('train').filter((r) => r.label === 'neutral');
  for (const row of sample(neutralTweets, OTHER_TWEETS, 7)) add(row.text, 'other');
  return balance(out, labels.length);
}

const LANGUAGE_PER_SOURCE = 8000;
const FRAGMENTS_PER_TEXT = 2;

export function languageSet(labels: string[]): TrainingExample[] {
  const texts = new Map<string, string[]>();
  const add = (lang: string, list: string[]): void => {
    texts.set(lang, [...(texts.get(lang) ?? []), ...list]);
  };
  add('de', sample(sb10k('train').filter((r) => looksGerman(r.text)), LANGUAGE_PER_SOURCE, 1).map((r) => r.text));
  add('de', [...SHORT_SAMPLES.de, ...GERMAN_SENTIMENT_SAMPLES.map((r) => r.text), ...Object.values(CATEGORY_SAMPLES).flatMap((s) => s.de)]);
  add('en', sample(banking77('train'), LANGUAGE_PER_SOURCE / 2, 2).map((r) => r.text));
  add('en', sample(bitext(), LANGUAGE_PER_SOURCE / 2, 3).map((r) => r.text));
  add('en', ENGLISH_HEADLINES.split('\n'));
  add('en', [...SHORT_SAMPLES.en, ...ENGLISH_SENTIMENT_SAMPLES.map((r) => r.text), ...Object.values(CATEGORY_SAMPLES).flatMap((s) => s.en)]);
  for (const [lang, list] of Object.entries(LANGUAGE_SAMPLES)) add(lang, list);
  const random = seededRandom(11);
  const out: TrainingExample[] = [];
  for (const [lang, list] of texts) {
    const label = labels.indexOf(lang);
    for (const text of list) {
      out.push({ x: compact(languageFeatures(text)), label });
      // Fragments of a few words teach the model the short texts of tweets and chat.
      const words = text.split(/\s+/u);
      for (let f = 0; f < FRAGMENTS_PER_TEXT && words.length > 3; f++) {
        const length = 1 + Math.floor(random() * 3);
        const start = Math.floor(random() * (words.length - length));
        out.push({ x: compact(languageFeatures(words.slice(start, start + length).join(' '))), label });
      }
    }
  }
  return balance(out, labels.length);
}

const GERMAN_WORDS = new Set('der die das und ist nicht ich du wir ein eine mit auf für von zu den dem auch noch schon mal was wie'.split(' '));
const ENGLISH_WORDS = new Set('the and is not you we a an with on for of to in it this that my your are was be have just'.split(' '));

/** SB-10k holds some English and other tweets; they must not teach the model that English is German. */
function looksGerman(text: string): boolean {
  let de = 0;
  let en = 0;
  for (const w of text.toLowerCase().split(/\s+/u)) {
    if (GERMAN_WORDS.has(w)) de++;
    if (ENGLISH_WORDS.has(w)) en++;
  }
  return de > en;
}

/** Gives every class the same total weight, so rare languages and categories are not drowned out. */
function balance(examples: TrainingExample[], classes: number, maxBoost = 10): TrainingExample[] {
  const totals = new Array<number>(classes).fill(0);
  for (const e of examples) totals[e.label] = (totals[e.label] ?? 0) + (e.weight ?? 1);
  const mean = totals.reduce((a, b) => a + b, 0) / classes;
  return examples.map((e) => ({ ...e, weight: (e.weight ?? 1) * Math.min(maxBoost, mean / (totals[e.label] || 1)) }));
}

export function sample<T>(list: T[], n: number, seed: number): T[] {
  if (list.length <= n) return list;
  const random = seededRandom(seed);
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy.slice(0, n);
}

export type { Labelled };
