import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileQuery, type CompiledQuery } from './compile.js';
import { matchAllNaively, matchesNaively } from './naive.js';
import type { Post } from './post.js';
import { QueryIndex } from './query-index.js';
import { parseQuery } from './query-parser.js';

// The one-query reference, so matchAllNaively is checked as well.
const naive = (queries: CompiledQuery[], post: Post): string[] => {
  const ids = queries.filter((q) => matchesNaively(q, post)).map((q) => q.id).sort();
  expect(matchAllNaively(queries, post)).toEqual(ids);
  return ids;
};

describe('QueryIndex', () => {
  it('returns the ids of the matching queries, including NOT-only and filter-only ones', () => {
    const index = new QueryIndex();
    index.add(compileQuery('delivery', 'Lieferung~ OR liefer*'));
    index.add(compileQuery('anger', '😡 AND NOT spam'));
    index.add(compileQuery('not-spam', 'NOT spam'));
    index.add(compileQuery('german', 'lang:de'));
    index.add(compileQuery('shop', 'site:example.com'));
    expect(index.size).toBe(5);
    const post = { id: 'p', text: 'Paketlieferung 😡 https://www.example.com/x', lang: 'de' };
    expect(index.match(post)).toEqual(['anger', 'delivery', 'german', 'not-spam', 'shop']);
    expect(index.match({ id: 'q', text: 'spam', lang: 'en' })).toEqual([]);
  });

  it('forgets removed queries and replaces a query added again under the same id', () => {
    const index = new QueryIndex();
    index.add(compileQuery('a', 'bahn'));
    index.add(compileQuery('a', 'zug'));
    expect(index.size).toBe(1);
    expect(index.match({ id: 'p', text: 'bahn' })).toEqual([]);
    expect(index.match({ id: 'p', text: 'zug' })).toEqual(['a']);
    index.remove('a');
    index.remove('unknown');
    expect(index.size).toBe(0);
    expect(index.match({ id: 'p', text: 'zug' })).toEqual([]);
  });

  it('evaluates only candidate queries, not every stored query', () => {
    const index = new QueryIndex();
    for (let i = 0; i < 1000; i++) index.add(compileQuery(`q${i}`, `marke${i} NEAR/3 (kaputt OR defekt~)`));
    expect(index.match({ id: 'p', text: 'marke7 ist kaputt' })).toEqual(['q7']);
    expect(index.evaluations).toBe(1);
  });

  // Small vocabulary so that random queries and posts overlap often.
  const words = ['bahn', 'lieferung', 'paket', 'kunde', 'zug', 'app', 'ärger'];
  const postForms = [...words, 'bahnen', 'lieferungen', 'paketlieferung', 'kunden', 'stammkunde', 'zuege', 'apps', 'aerger',
    '#bahn', '#paketlieferung', '@bahn', '😡', 'https://shop.example.com/x', 'https://www.other.org', 'der', 'nicht'];
  const termArb = fc.oneof(
    fc.constantFrom(...words, '😡', '#bahn', '@bahn', '#paket'),
    fc.tuple(fc.constantFrom(...words, '#bahn', '#pa'), fc.constant('*')).map(([w, s]) => w + s),
    fc.tuple(fc.constantFrom(...words, 'lieferungen', 'kunden'), fc.constant('~')).map(([w, s]) => w + s),
    fc.tuple(fc.constantFrom(...words), fc.constantFrom(...words)).map(([a, b]) => `"${a} ${b}"`),
  );
  const fieldArb = fc.constantFrom('lang:de', 'lang:en', 'channel:x', 'author:max', 'site:example.com', 'site:other.org');
  const { positional } = fc.letrec<{ positional: string }>((tie) => ({
    positional: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      termArb,
      fc.tuple(tie('positional'), tie('positional')).map(([a, b]) => `(${a} OR ${b})`),
      fc.tuple(tie('positional'), fc.constantFrom('NEAR', 'ONEAR'), fc.integer({ min: 0, max: 3 }), tie('positional')).map(
        ([a, op, n, b]) => `(${a} ${op}/${n} ${b})`,
      ),
    ),
  }));
  const { query } = fc.letrec<{ query: string }>((tie) => ({
    query: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      positional,
      fieldArb,
      tie('query').map((q) => `NOT ${q}`),
      fc.tuple(tie('query'), fc.constantFrom(' AND ', ' OR ', ' '), tie('query')).map(([a, op, b]) => `(${a}${op}${b})`),
    ),
  }));
  // Queries past the parser's limits (e.g. more than 16 NEAR) are refused at saving; they are not the index's concern.
  const storable = query.filter((src) => {
    try {
      parseQuery(src);
      return true;
    } catch {
      return false;
    }
  });
  const postArb = fc.record({
    id: fc.constant('p'),
    text: fc.array(fc.constantFrom(...postForms), { maxLength: 12 }).map((ws) => ws.join(' ')),
    lang: fc.constantFrom(undefined, 'de', 'en', 'de-AT'),
    channel: fc.constantFrom(undefined, 'x', 'facebook'),
    author: fc.constantFrom(undefined, 'Max', 'erika'),
    url: fc.constantFrom(undefined, 'https://example.com/a', 'https://blog.other.org'),
  }).map((p) => Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)) as unknown as Post);

  it('agrees with evaluating every query naively, also after removals', () => {
    fc.assert(
      fc.property(fc.array(storable, { minLength: 1, maxLength: 25 }), fc.array(postArb, { minLength: 1, maxLength: 15 }), (sources, posts) => {
        const queries = sources.map((src, i) => compileQuery(`q${i}`, src));
        const index = new QueryIndex();
        queries.forEach((q) => index.add(q));
        for (const p of posts) expect(index.match(p)).toEqual(naive(queries, p));
        const kept = queries.filter((_, i) => i % 2 === 0);
        queries.filter((_, i) => i % 2 === 1).forEach((q) => index.remove(q.id));
        for (const p of posts) expect(index.match(p)).toEqual(naive(kept, p));
      }),
      { numRuns: 400 },
    );
  });
});
