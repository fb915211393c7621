import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../domain/errors.js';
import { queryErrorDetails, renderQueryError, type QueryErrorDetails } from './query-errors.js';
import { MAX_DEPTH, MAX_PROXIMITY, MAX_QUERY_LENGTH, MAX_TERMS, parseQuery } from './query-parser.js';

function failure(src: string): QueryErrorDetails {
  try {
    parseQuery(src);
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    const details = queryErrorDetails(err);
    if (!details) throw new Error(`no query error details for ${src}`);
    return details;
  }
  throw new Error(`expected ${src} to be rejected`);
}

describe('parseQuery', () => {
  it('reads implicit AND, OR and NOT with AND binding tighter than OR', () => {
    expect(parseQuery('bahn zug OR NOT flug')).toEqual({
      kind: 'or',
      children: [
        { kind: 'and', children: [{ kind: 'term', value: 'bahn', mode: 'exact' }, { kind: 'term', value: 'zug', mode: 'exact' }] },
        { kind: 'not', child: { kind: 'term', value: 'flug', mode: 'exact' } },
      ],
    });
  });

  it('keeps lower-case and, or, not, und, oder as searchable words', () => {
    expect(parseQuery('rock and roll')).toEqual({
      kind: 'and',
      children: ['rock', 'and', 'roll'].map((value) => ({ kind: 'term', value, mode: 'exact' })),
    });
  });

  it('reads phrases in straight and German quotes, folded', () => {
    const phrase = { kind: 'phrase', terms: [{ kind: 'term', value: 'gruesse', mode: 'exact' }, { kind: 'term', value: 'aus', mode: 'exact' }] };
    expect(parseQuery('"Grüße aus"')).toEqual(phrase);
    expect(parseQuery('„Grüße aus“')).toEqual(phrase);
  });

  it('reads wildcards, stems, hashtags, mentions and fields', () => {
    expect(parseQuery('Liefer*')).toEqual({ kind: 'term', value: 'liefer', mode: 'prefix' });
    expect(parseQuery('Lieferungen~')).toEqual({ kind: 'term', value: 'lieferung', mode: 'stem' });
    expect(parseQuery('#Bahn')).toEqual({ kind: 'term', value: '#bahn', mode: 'exact' });
    expect(parseQuery('@DB_Bahn')).toEqual({ kind: 'term', value: '@db_bahn', mode: 'exact' });
    expect(parseQuery('LANG:de-AT')).toEqual({ kind: 'field', field: 'lang', value: 'de' });
    expect(parseQuery('site:https://www.Example.com/a')).toEqual({ kind: 'field', field: 'site', value: 'example.com' });
    expect(parseQuery('author:@Max_Müller')).toEqual({ kind: 'field', field: 'author', value: 'max_mueller' });
  });

  it('reads NEAR/n and ONEAR/n over words, phrases and OR groups', () => {
    expect(parseQuery('(bahn OR zug) ONEAR/2 "zu spät"')).toMatchObject({
      kind: 'near',
      distance: 2,
      ordered: true,
      left: { kind: 'or' },
      right: { kind: 'phrase' },
    });
  });

  it('rejects errors with the position and what was expected', () => {
    expect(failure('(bahn OR zug')).toMatchObject({ reason: 'unexpected_end', position: 12, expected: [')'] });
    expect(failure('bahn AND')).toMatchObject({ reason: 'unexpected_end', position: 8, expected: ['term', 'phrase', '('] });
    expect(failure('bahn ) zug')).toMatchObject({ reason: 'unexpected_token', position: 5, found: ')', expected: ['end'] });
    expect(failure('bahn "zu spät')).toMatchObject({ reason: 'unclosed_phrase', position: 5 });
    expect(failure('land:de')).toMatchObject({ reason: 'unknown_field', position: 0, found: 'land:' });
    expect(failure('bahn NEAR/x zug')).toMatchObject({ reason: 'invalid_distance', position: 5 });
    expect(failure('bahn NEAR zug')).toMatchObject({ reason: 'invalid_distance', position: 5 });
    expect(failure('bahn NEAR/3 NOT zug')).toMatchObject({ reason: 'unexpected_token', position: 12, found: 'NOT' });
    expect(failure('bahn NEAR/3 (zug AND flug)')).toMatchObject({ reason: 'not_positional', position: 12 });
    expect(failure('l*')).toMatchObject({ reason: 'prefix_too_short', limit: 2 });
    expect(failure('#bahn~')).toMatchObject({ reason: 'stem_on_tag' });
    expect(failure('bahn !!!')).toMatchObject({ reason: 'empty_term', position: 5 });
    expect(failure('""')).toMatchObject({ reason: 'empty_phrase' });
    expect(failure('   ')).toMatchObject({ reason: 'empty_query' });
  });

  it('renders errors in German and English with a 1-based character position', () => {
    const details = failure('(bahn OR zug');
    expect(renderQueryError(details, 'de')).toBe('Die Suchanfrage endet zu früh; erwartet wurde „)“. (Zeichen 13)');
    expect(renderQueryError(details, 'en')).toBe('The query ends too early; expected ")". (character 13)');
    const err = (() => {
      try {
        parseQuery('bahn AND');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toMatchObject({ code: 'invalid', message: expect.stringContaining('a search term') });
  });

  it('enforces the length, depth, term and proximity limits', () => {
    expect(failure('a'.repeat(MAX_QUERY_LENGTH + 1))).toMatchObject({ reason: 'too_long', limit: MAX_QUERY_LENGTH });
    expect(failure('('.repeat(MAX_DEPTH + 1) + 'a' + ')'.repeat(MAX_DEPTH + 1))).toMatchObject({ reason: 'too_deep' });
    expect(failure('NOT '.repeat(MAX_DEPTH + 1) + 'a')).toMatchObject({ reason: 'too_deep' });
    expect(failure(Array.from({ length: MAX_TERMS + 1 }, (_, i) => `w${i}`).join(' OR '))).toMatchObject({ reason: 'too_many_terms' });
    expect(failure(Array.from({ length: MAX_PROXIMITY + 2 }, () => 'a').join(' NEAR/5 '))).toMatchObject({ reason: 'too_many_proximity' });
    expect(() => parseQuery(Array.from({ length: MAX_PROXIMITY + 1 }, () => 'a').join(' NEAR/5 '))).not.toThrow();
    expect(() => parseQuery('('.repeat(MAX_DEPTH) + 'a' + ')'.repeat(MAX_DEPTH))).not.toThrow();
  });

  it('either parses or throws AppError invalid on arbitrary input', () => {
    const syntax = fc.constantFrom('(', ')', '"', '„', ' ', 'AND', 'OR', 'NOT', 'NEAR/', 'ONEAR/2', '*', '~', '#', '@', ':', 'lang:', 'site:', 'bahn', 'ä', '😡', '3', '-');
    const queries = fc.oneof(fc.string({ maxLength: 200 }), fc.array(syntax, { maxLength: 60 }).map((parts) => parts.join('')));
    fc.assert(
      fc.property(queries, (src) => {
        try {
          parseQuery(src);
        } catch (err) {
          const details = queryErrorDetails(err);
          if (!details) return false;
          return details.position >= 0 && details.position <= src.length && renderQueryError(details, 'de').length > 0;
        }
        return true;
      }),
      { numRuns: 3000 },
    );
  });
});
