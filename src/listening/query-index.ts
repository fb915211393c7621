import { GRAM, type Anchor } from './anchors.js';
import type { CompiledQuery } from './compile.js';
import { evaluate } from './evaluate.js';
import { preparePost, type Post, type PreparedPost } from './post.js';
import { stem } from './stem.js';

interface Entry {
  query: CompiledQuery;
  /** The number of the last match() call that already listed this query as a candidate. */
  seen: number;
}

type Postings = Map<string, Set<Entry>>;

/**
 * Many stored queries against a stream of posts, after Lucene's Monitor: each query is
 * filed under its anchors (anchors.ts), a post looks up only the keys it contains, and
 * the few candidates are then evaluated exactly. Queries without anchors (only NOT) are
 * checked against every post.
 */
export class QueryIndex {
  private readonly entries = new Map<string, Entry>();
  private readonly words: Postings = new Map();
  private readonly prefixes: Postings = new Map();
  private readonly grams: Postings = new Map();
  private readonly stems: Postings = new Map();
  private readonly fields: Postings = new Map();
  private readonly always = new Set<Entry>();
  /** Distinct lengths of indexed prefixes, so a post word tries only those. */
  private readonly prefixLengthCounts = new Map<number, number>();
  private prefixLengths: number[] = [];
  private round = 0;
  private evaluated = 0;

  get size(): number {
    return this.entries.size;
  }

  /** Exact evaluations done so far: the work the anchors could not save. */
  get evaluations(): number {
    return this.evaluated;
  }

  /** Adds a query, replacing any query with the same id. */
  add(query: CompiledQuery): void {
    this.remove(query.id);
    const entry: Entry = { query, seen: 0 };
    this.entries.set(query.id, entry);
    if (!query.anchors) this.always.add(entry);
    else for (const anchor of query.anchors) this.file(anchor, entry, true);
  }

  remove(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.entries.delete(id);
    if (!entry.query.anchors) this.always.delete(entry);
    else for (const anchor of entry.query.anchors) this.file(anchor, entry, false);
  }

  /** Ids of the queries the post matches, sorted. */
  match(post: Post): string[] {
    const prepared = preparePost(post);
    const round = ++this.round;
    const candidates: Entry[] = [];
    const collect = (set: Set<Entry> | undefined): void => {
      if (!set) return;
      for (const e of set) {
        if (e.seen !== round) {
          e.seen = round;
          candidates.push(e);
        }
      }
    };
    for (const form of prepared.exact.keys()) {
      collect(this.words.get(form));
      for (const len of this.prefixLengths) {
        if (len > form.length) break;
        collect(this.prefixes.get(form.slice(0, len)));
      }
      if (this.grams.size > 0) {
        for (let i = 0; i + GRAM <= form.length; i++) collect(this.grams.get(form.slice(i, i + GRAM)));
      }
      if (this.stems.size > 0) collect(this.stems.get(stem(form)));
    }
    for (const key of fieldKeys(prepared)) collect(this.fields.get(key));
    collect(this.always);

    this.evaluated += candidates.length;
    const ids: string[] = [];
    for (const e of candidates) if (evaluate(e.query.ast, prepared)) ids.push(e.query.id);
    return ids.sort();
  }

  private file(anchor: Anchor, entry: Entry, add: boolean): void {
    const postings = this.postingsFor(anchor);
    let set = postings.get(anchor.value);
    if (add) {
      if (!set) postings.set(anchor.value, (set = new Set()));
      set.add(entry);
    } else if (set) {
      set.delete(entry);
      if (set.size === 0) postings.delete(anchor.value);
    }
    if (anchor.kind === 'prefix') this.countPrefixLength(anchor.value.length, add ? 1 : -1);
  }

  private postingsFor(anchor: Anchor): Postings {
    switch (anchor.kind) {
      case 'word':
        return this.words;
      case 'prefix':
        return this.prefixes;
      case 'gram':
        return this.grams;
      case 'stem':
        return this.stems;
      case 'field':
        return this.fields;
    }
  }

  private countPrefixLength(length: number, delta: number): void {
    const count = (this.prefixLengthCounts.get(length) ?? 0) + delta;
    if (count > 0) this.prefixLengthCounts.set(length, count);
    else this.prefixLengthCounts.delete(length);
    this.prefixLengths = [...this.prefixLengthCounts.keys()].sort((a, b) => a - b);
  }
}

/** The field anchors a post carries; a host also stands for its parent domains. */
function fieldKeys(post: PreparedPost): string[] {
  const keys: string[] = [];
  if (post.lang) keys.push(`lang:${post.lang}`);
  if (post.channel) keys.push(`channel:${post.channel}`);
  if (post.author) keys.push(`author:${post.author}`);
  for (const host of post.hosts) {
    for (let h = host; ; ) {
      keys.push(`site:${h}`);
      const dot = h.indexOf('.');
      if (dot < 0) break;
      h = h.slice(dot + 1);
    }
  }
  return keys;
}
