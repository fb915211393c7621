import { describe, expect, it } from 'vitest';
import { clusterTexts } from './cluster.js';

describe('question clustering', () => {
  it('groups questions about the same thing despite wording, compounds and typos', () => {
    const texts = [
      'Bietet ihr Geschenkverpackung an?',
      'Funktioniert die Waschmaschine mit Starkstrom?',
      'Gibt es eine Geschenkverpackung?',
      'Braucht die Waschmaschine Starkstrom?',
      'Geschenkverpakung möglich?',
      'Wann öffnet die Filiale in Köln?',
    ];
    const clusters = clusterTexts(texts).map((c) => c.members.sort());
    expect(clusters).toContainEqual([0, 2, 4]);
    expect(clusters).toContainEqual([1, 3]);
    expect(clusters).toContainEqual([5]);
    expect(clusters).toHaveLength(3);
  });

  it('ignores texts without words', () => {
    expect(clusterTexts(['?!', '👍'])).toEqual([]);
  });
});
