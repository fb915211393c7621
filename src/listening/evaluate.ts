import type { FieldNode, NearNode, PositionalNode, QueryAst, TermNode } from './query-ast.js';
import type { PreparedPost } from './post.js';
import { stemMatches } from './stem.js';

/** [first, last] word position of a match, inclusive. */
type Span = readonly [number, number];

const NONE: number[] = [];

/** Exact evaluation of one query against one prepared post. */
export function evaluate(node: QueryAst, post: PreparedPost): boolean {
  switch (node.kind) {
    case 'term':
      return termPositions(node, post).length > 0;
    case 'phrase':
    case 'near':
      return spans(node, post).length > 0;
    case 'and':
      return node.children.every((c) => evaluate(c, post));
    case 'or':
      return node.children.some((c) => evaluate(c, post));
    case 'not':
      return !evaluate(node.child, post);
    case 'field':
      return fieldMatches(node, post);
  }
}

function fieldMatches(node: FieldNode, post: PreparedPost): boolean {
  switch (node.field) {
    case 'lang':
      return post.lang === node.value;
    case 'channel':
      return post.channel === node.value;
    case 'author':
      return post.author === node.value;
    case 'site':
      return post.hosts.some((h) => h === node.value || h.endsWith(`.${node.value}`));
  }
}

function formMatches(term: TermNode, form: string): boolean {
  switch (term.mode) {
    case 'exact':
      return form === term.value;
    case 'prefix':
      return form.startsWith(term.value);
    case 'stem':
      return stemMatches(term.value, form);
  }
}

function termPositions(term: TermNode, post: PreparedPost): number[] {
  if (term.mode === 'exact') return post.exact.get(term.value) ?? NONE;
  const key = `${term.mode}:${term.value}`;
  let found = post.memo.get(key);
  if (!found) {
    found = [];
    for (let i = 0; i < post.positions.length; i++) {
      if (post.positions[i]?.some((f) => formMatches(term, f))) found.push(i);
    }
    post.memo.set(key, found);
  }
  return found;
}

function termAt(term: TermNode, i: number, post: PreparedPost): boolean {
  return post.positions[i]?.some((f) => formMatches(term, f)) ?? false;
}

function spans(node: PositionalNode, post: PreparedPost): Span[] {
  switch (node.kind) {
    case 'term':
      return termPositions(node, post).map((i) => [i, i] as const);
    case 'phrase': {
      const [first, ...rest] = node.terms;
      if (!first) return [];
      return termPositions(first, post)
        .filter((i) => rest.every((t, k) => termAt(t, i + k + 1, post)))
        .map((i) => [i, i + rest.length] as const);
    }
    case 'or':
      return node.children.length === 1 && node.children[0] ? spans(node.children[0], post) : distinctSorted(node.children.flatMap((c) => spans(c, post)), post);
    case 'near':
      return nearSpans(node, post);
  }
}

/**
 * Pairs of non-overlapping spans with at most `distance` words between them. Every span
 * list is sorted by start, so only the right-hand spans within reach are visited and
 * long posts stay near-linear.
 */
function nearSpans(node: NearNode, post: PreparedPost): Span[] {
  const left = spans(node.left, post);
  if (left.length === 0) return [];
  const right = spans(node.right, post);
  if (right.length === 0) return [];
  const maxLen = right.reduce((m, s) => Math.max(m, s[1] - s[0]), 0);
  const n = node.distance;
  const out: Span[] = [];
  for (const a of left) {
    const from = a[0] - 1 - n - maxLen;
    const to = a[1] + 1 + n;
    for (let k = firstAtOrAfter(right, from); k < right.length; k++) {
      const b = right[k];
      if (!b || b[0] > to) break;
      const after = b[0] > a[1] && b[0] - a[1] - 1 <= n;
      const before = !node.ordered && b[1] < a[0] && a[0] - b[1] - 1 <= n;
      if (after || before) out.push([Math.min(a[0], b[0]), Math.max(a[1], b[1])]);
    }
  }
  return distinctSorted(out, post);
}

function firstAtOrAfter(sorted: Span[], start: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid]?.[0] ?? Infinity) < start) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Sorted by start, one span per start: the shortest. A shorter span with the same start
 * satisfies every NEAR, ONEAR and phrase condition the longer one does, so dropping the
 * longer ones keeps results exact and stops chained NEARs from multiplying spans.
 */
function distinctSorted(list: Span[], post: PreparedPost): Span[] {
  const shortest = new Array<number>(post.positions.length).fill(Infinity);
  for (const [start, end] of list) if (end < (shortest[start] ?? Infinity)) shortest[start] = end;
  const out: Span[] = [];
  shortest.forEach((end, start) => {
    if (end !== Infinity) out.push([start, end]);
  });
  return out;
}
