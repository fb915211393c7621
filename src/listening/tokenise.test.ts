import { describe, expect, it } from 'vitest';
import { fold } from './fold.js';
import { tokenise } from './tokenise.js';

const values = (text: string) => tokenise(text).tokens.map((t) => t.value);

describe('fold', () => {
  it('transliterates German umlauts and ß the way German writers do without an umlaut keyboard', () => {
    expect(fold('Müller')).toBe('mueller');
    expect(fold('Straße')).toBe(fold('STRASSE'));
    expect(fold('Ärger über Öl')).toBe('aerger ueber oel');
  });

  it('treats decomposed and composed umlauts alike and drops other accents', () => {
    expect(fold('Mu\u0308ller')).toBe('mueller');
    expect(fold('Café Crème')).toBe('cafe creme');
  });
});

describe('tokenise', () => {
  it('splits words, keeps hashtags and mentions with their sigil and emojis as tokens', () => {
    const { tokens } = tokenise('Danke @DB_Bahn für die #Lieferung 😍👍!');
    expect(tokens).toEqual([
      { kind: 'word', value: 'danke' },
      { kind: 'mention', value: '@db_bahn' },
      { kind: 'word', value: 'fuer' },
      { kind: 'word', value: 'die' },
      { kind: 'hashtag', value: '#lieferung' },
      { kind: 'emoji', value: '😍' },
      { kind: 'emoji', value: '👍' },
    ]);
  });

  it('takes hosts from URLs instead of turning them into words', () => {
    const result = tokenise('Siehe https://www.Example.com/hilfe?x=1 und http://shop.test.de.');
    expect(result.hosts).toEqual(['example.com', 'shop.test.de']);
    expect(result.tokens.map((t) => t.value)).toEqual(['siehe', 'und']);
  });

  it('splits hyphenated compounds and keeps contractions together', () => {
    expect(values("Paket-Lieferung geht's nicht, don't")).toEqual(['paket', 'lieferung', 'gehts', 'nicht', 'dont']);
  });

  it('returns nothing for text without words', () => {
    expect(tokenise('  ... !!! ').tokens).toEqual([]);
  });
});
