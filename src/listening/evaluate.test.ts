import { describe, expect, it } from 'vitest';
import { compileQuery } from './compile.js';
import { matchesNaively, testQuery } from './naive.js';
import type { Post } from './post.js';

const post = (text: string, extra: Partial<Post> = {}): Post => ({ id: text, text, ...extra });
const hits = (query: string, text: string, extra: Partial<Post> = {}) => matchesNaively(compileQuery('q', query), post(text, extra));

describe('matching a query against a post', () => {
  it('matches plain terms as whole words, ignoring case and umlaut spelling', () => {
    expect(hits('Müller', 'Herr MUELLER hat angerufen')).toBe(true);
    expect(hits('Strasse', 'Die Straße ist gesperrt')).toBe(true);
    expect(hits('Lieferung', 'Die Lieferungen kommen nie')).toBe(false);
    expect(hits('Lieferung', 'Paketlieferung verspätet')).toBe(false);
  });

  it('finds inflections and compounds with ~ and prefixes with *', () => {
    expect(hits('Lieferung~', 'Die Lieferungen kommen nie')).toBe(true);
    expect(hits('Lieferung~', 'Paketlieferung verspätet')).toBe(true);
    expect(hits('Lieferung~', 'Wo ist mein Lieferungsstatus?')).toBe(true);
    expect(hits('Lieferung~', 'Der Lieferant ist nett')).toBe(false);
    expect(hits('Kunde~', 'Stammkunden werden ignoriert')).toBe(true);
    expect(hits('delivery~', 'two deliveries lost')).toBe(true);
    expect(hits('Zug~', 'der neue Anzug')).toBe(false);
    expect(hits('liefer*', 'Lieferant kommt')).toBe(true);
    expect(hits('liefer*', 'Paketlieferung')).toBe(false);
  });

  it('applies AND, OR, NOT and implicit AND', () => {
    expect(hits('bahn zug', 'Die Bahn und der Zug')).toBe(true);
    expect(hits('bahn zug', 'Die Bahn')).toBe(false);
    expect(hits('bahn OR flug', 'Flug gestrichen')).toBe(true);
    expect(hits('bahn NOT streik', 'Bahn streik heute')).toBe(false);
    expect(hits('NOT streik', 'alles gut')).toBe(true);
  });

  it('matches exact phrases only in order and adjacent', () => {
    expect(hits('"zu spät"', 'Der Zug kam zu spät an')).toBe(true);
    expect(hits('"zu spät"', 'spät zu')).toBe(false);
    expect(hits('Paket-Lieferung', 'die paket lieferung')).toBe(true);
  });

  it('matches NEAR in either order and ONEAR only in order, within n words', () => {
    expect(hits('bahn NEAR/2 verspätet', 'Bahn ist heute verspätet')).toBe(true);
    expect(hits('bahn NEAR/2 verspätet', 'verspätet ist heute die Bahn')).toBe(false);
    expect(hits('bahn NEAR/3 verspätet', 'verspätet ist heute die Bahn')).toBe(true);
    expect(hits('bahn ONEAR/3 verspätet', 'verspätet ist heute die Bahn')).toBe(false);
    expect(hits('"deutsche bahn" NEAR/2 (streik OR verspätung~)', 'Verspätungen bei der Deutsche Bahn')).toBe(true);
    expect(hits('"deutsche bahn" NEAR/1 (streik OR verspätung~)', 'Verspätungen bei der Deutsche Bahn')).toBe(false);
    expect(hits('bahn NEAR/0 bahn', 'bahn')).toBe(false);
    expect(hits('bahn NEAR/0 bahn', 'bahn bahn')).toBe(true);
  });

  it('matches hashtags, mentions and emojis; a plain word also finds the hashtag', () => {
    expect(hits('#bahn', 'Ärger mit der #Bahn')).toBe(true);
    expect(hits('#bahn', 'Ärger mit der Bahn')).toBe(false);
    expect(hits('bahn', 'Ärger mit der #Bahn')).toBe(true);
    expect(hits('@db_bahn', 'Hallo @DB_Bahn!')).toBe(true);
    expect(hits('😡', 'Schon wieder 😡😡')).toBe(true);
    expect(hits('#deutsche*', '#DeutscheBahn fährt nicht')).toBe(true);
  });

  it('filters by language, channel, author and site', () => {
    const extra = { lang: 'de-AT', channel: 'Twitter', author: '@Max_Müller', url: 'https://shop.example.com/p/1' };
    expect(hits('bahn lang:de', 'bahn', extra)).toBe(true);
    expect(hits('bahn lang:en', 'bahn', extra)).toBe(false);
    expect(hits('channel:twitter', 'x', extra)).toBe(true);
    expect(hits('author:max_mueller', 'x', extra)).toBe(true);
    expect(hits('site:example.com', 'x', extra)).toBe(true);
    expect(hits('site:ample.com', 'x', extra)).toBe(false);
    expect(hits('site:heise.de', 'Lesen: https://www.heise.de/news/1')).toBe(true);
    expect(hits('lang:de', 'ohne Sprache')).toBe(false);
  });
});

describe('testQuery', () => {
  it('shows which sample posts a query would match', () => {
    const samples = [post('Lieferung kaputt'), post('alles super')];
    expect(testQuery('Lieferung~ OR kaputt', samples).map((r) => r.matched)).toEqual([true, false]);
  });

  it('rejects an invalid query before looking at samples', () => {
    expect(() => testQuery('(bahn', [post('bahn')])).toThrow(expect.objectContaining({ code: 'invalid' }));
  });
});
