import { describe, expect, it } from 'vitest';
import { AppError } from '../domain/errors.js';
import { classify, trainAdaptation, type Adaptation, type BrandProfile } from './index.js';

// A workspace whose customers call a broken-down delivery van "Schneckenpost" — jargon no base model knows.
const jargon = [
  'Heute wieder Schneckenpost erlebt',
  'Schneckenpost bei der Lieferung nach Köln',
  'Totale Schneckenpost diese Woche',
  'Die Schneckenpost hat zugeschlagen',
  'Schneckenpost, wie jeden Montag',
  'Mal wieder Schneckenpost hier in Bonn',
];

describe('trainAdaptation', () => {
  it('learns a workspace word for a sentiment and applies it to new messages', () => {
    const text = 'Schneckenpost auch heute in Essen';
    const before = classify(text);
    const adaptation = trainAdaptation(jargon.map((t) => ({ text: t, field: 'sentiment' as const, label: 'negative' })));
    const after = classify(text, { adaptation });
    expect(after.sentiment).toBe('negative');
    expect(after.sentimentScore).toBeLessThan(before.sentimentScore);
  });

  it('learns categories and relevance from corrections', () => {
    const brand: BrandProfile = { names: ['Nordlicht'], products: [], terms: [] };
    const corrections = [
      ...jargon.map((t) => ({ text: t, field: 'category' as const, label: 'delivery' })),
      ...jargon.map((t) => ({ text: t, field: 'relevant' as const, label: 'true' })),
    ];
    const adaptation = trainAdaptation(corrections, { brand });
    const result = classify('Schneckenpost schon wieder', { brand, adaptation });
    expect(result.category).toBe('delivery');
    expect(result.relevant).toBe(true);
  });

  it('survives a JSON round trip unchanged in effect', () => {
    const adaptation = trainAdaptation(jargon.map((t) => ({ text: t, field: 'sentiment' as const, label: 'negative' })));
    const restored = JSON.parse(JSON.stringify(adaptation)) as Adaptation;
    const text = 'Schneckenpost in Berlin';
    expect(classify(text, { adaptation: restored }).sentimentScore).toBeCloseTo(classify(text, { adaptation }).sentimentScore, 6);
  });

  it('leaves fields without corrections to the base model', () => {
    const adaptation = trainAdaptation(jargon.map((t) => ({ text: t, field: 'sentiment' as const, label: 'negative' })));
    const text = 'Wie kann ich meine Adresse ändern?';
    expect(classify(text, { adaptation }).category).toBe(classify(text).category);
  });

  it('rejects labels that do not belong to the field', () => {
    expect(() => trainAdaptation([{ text: 'x', field: 'sentiment', label: 'angry' }])).toThrow(AppError);
    expect(() => trainAdaptation([{ text: 'x', field: 'category', label: 'spam' }])).toThrow(/not a label/);
  });

  it('keeps the base model at full weight when corrections are few', () => {
    const adaptation = trainAdaptation(jargon.map((t) => ({ text: t, field: 'sentiment' as const, label: 'negative' })));
    expect(adaptation.fields.sentiment?.baseWeight).toBe(1);
  });

  it('rejects a base weight outside 0…1', () => {
    const adaptation = trainAdaptation(jargon.map((t) => ({ text: t, field: 'sentiment' as const, label: 'negative' })));
    const sentiment = adaptation.fields.sentiment;
    if (!sentiment) throw new Error('expected a sentiment field');
    const broken: Adaptation = { ...adaptation, fields: { sentiment: { ...sentiment, baseWeight: 3 } } };
    expect(() => classify('Hallo', { adaptation: broken })).toThrow(AppError);
  });

  it('rejects a corrupt adaptation instead of guessing', () => {
    const adaptation = trainAdaptation(jargon.map((t) => ({ text: t, field: 'sentiment' as const, label: 'negative' })));
    const sentiment = adaptation.fields.sentiment;
    if (!sentiment) throw new Error('expected a sentiment field');
    const broken: Adaptation = { ...adaptation, fields: { sentiment: { ...sentiment, weights: 'AAAA' } } };
    expect(() => classify('Hallo', { adaptation: broken })).toThrow(AppError);
  });
});
