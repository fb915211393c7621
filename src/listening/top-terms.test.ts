import { describe, expect, it } from 'vitest';
import { topTerms } from './top-terms.js';

describe('top terms', () => {
  it('counts each term once per post, leaves out short and filler words, and breaks ties alphabetically', () => {
    const texts = ['Lieferung kommt nicht, Lieferung!', 'Die Lieferung ist kaputt', 'Paket kaputt 😡', 'und und und'];
    expect(topTerms(texts, 3)).toEqual([{ term: 'kaputt', count: 2 }, { term: 'lieferung', count: 2 }, { term: 'kommt', count: 1 }]);
  });
});
