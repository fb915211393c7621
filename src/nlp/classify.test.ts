import { describe, expect, it } from 'vitest';
import { classify, type BrandProfile, type Category } from './index.js';

describe('classify: category', () => {
  const examples: [string, Category][] = [
    ['Riesiges Dankeschön an eure Hotline, die Dame war so hilfsbereit!', 'praise'],
    ['Thanks a million, your team was brilliant today!', 'praise'],
    ['Unmöglich, wie ich hier behandelt werde, der Service ist eine Zumutung.', 'complaint'],
    ['Really poor service, the staff did not care at all.', 'complaint'],
    ['Habt ihr an Feiertagen geöffnet?', 'question'],
    ['Do you have this jacket in size M?', 'question'],
    ['Bitte kündigt meinen Vertrag zum Monatsende.', 'cancellation'],
    ['Please cancel my membership effective immediately.', 'cancellation'],
    ['Warum wurde mir der Betrag zweimal abgebucht?', 'billing'],
    ['Why was my credit card charged twice this month?', 'billing'],
    ['Mein Paket ist immer noch nicht angekommen, wo steckt es?', 'delivery'],
    ['My parcel still has not been delivered, where is it?', 'delivery'],
    ['Die App stürzt nach dem Update ständig ab.', 'technical'],
    ['I keep getting an error when I try to log in.', 'technical'],
    ['Teilen und gewinnen: wir verlosen zehn Tablets!', 'other'],
    ['We are hiring! Apply now for our sales team.', 'other'],
  ];
  it.each(examples)('%s → %s', (text, category) => {
    const result = classify(text);
    expect(result.category).toBe(category);
    expect(result.categoryScore).toBeGreaterThan(0);
    expect(result.categoryScore).toBeLessThanOrEqual(1);
  });
});

describe('classify: sentiment', () => {
  it.each([
    ['Vielen Dank, ihr seid großartig!', 'positive'],
    ['Das ist eine absolute Katastrophe, ich bin wütend.', 'negative'],
    ['This is the worst service ever, I am so angry.', 'negative'],
    ['Absolutely love it, thank you so much!', 'positive'],
  ] as const)('%s → %s', (text, sentiment) => {
    expect(classify(text).sentiment).toBe(sentiment);
  });

  it('scores positive messages above negative ones', () => {
    expect(classify('Super, danke!').sentimentScore).toBeGreaterThan(classify('Furchtbar, nie wieder.').sentimentScore);
  });
});

describe('classify: relevance against a brand profile', () => {
  const brand: BrandProfile = { names: ['Acme', 'Acme Mobile'], products: ['RocketPhone', 'AcmeCloud'], terms: ['Tarif', 'Vertrag'] };

  it('treats posts naming the brand or its products as relevant', () => {
    expect(classify('Mein RocketPhone lädt seit gestern nicht mehr', { brand }).relevant).toBe(true);
    expect(classify('@Acme_Support warum ist mein Tarif teurer geworden?', { brand }).relevant).toBe(true);
  });

  it('treats posts about other things as irrelevant', () => {
    const result = classify('Schönes Wetter heute, ab in den Biergarten!', { brand });
    expect(result.relevant).toBe(false);
    expect(result.relevanceScore).toBeLessThan(0.5);
  });

  it('reads the brand name closing a hyphenated compound as a compound, not as the brand', () => {
    const bahn: BrandProfile = { names: ['Bahn'], products: [], terms: [] };
    expect(classify('Mit der U-Bahn zum Stadion', { brand: bahn }).relevant).toBe(false);
    expect(classify('Der Bahn-Chef tritt zurück', { brand: bahn }).relevant).toBe(true);
  });
});

describe('classify: the other fields', () => {
  it('reports language, urgency and personal data together', () => {
    const result = classify('Zum dritten Mal: meine Karte 4111 1111 1111 1111 wurde doppelt belastet, ich gehe zum Anwalt!');
    expect(result.language).toBe('de');
    expect(result.urgent).toBe(true);
    expect(result.urgentReasons).toEqual(expect.arrayContaining(['legal', 'repeated_contact']));
    expect(result.pii.map((p) => p.kind)).toEqual(['card']);
  });

  it('copes with empty text', () => {
    const result = classify('');
    expect(result.language).toBe('und');
    expect(result.pii).toEqual([]);
    expect(result.urgent).toBe(false);
  });
});
