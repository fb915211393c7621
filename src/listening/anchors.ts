import type { QueryAst, TermNode } from './query-ast.js';
import { MIN_CONTAINED_STEM } from './stem.js';

/**
 * A key that every post matching the query emits at least once (see query-index.ts):
 * word: an exact form; prefix: a form starts with it; gram: the first 4 characters of a
 * long stem, found as a 4-gram of some form; stem: the stem of some form (short stems);
 * field: "lang:de", "site:example.com", ….
 */
export type Anchor =
  | { kind: 'word' | 'prefix' | 'gram' | 'stem'; value: string }
  | { kind: 'field'; value: string };

export const GRAM = MIN_CONTAINED_STEM;

// Rough expected share of posts an anchor selects, so AND picks its rarest child:
// "lang:de" selects half of all posts, an ordinary word very few.
const COST = { word: 1, stem: 2, gram: 4, author: 2, site: 4, lang: 50, channel: 50 } as const;

interface Plan {
  anchors: Anchor[];
  cost: number;
}

/** The anchors of a query, or null when a post need contain nothing (e.g. `NOT spam`). */
export function anchorsOf(ast: QueryAst): Anchor[] | null {
  return plan(ast)?.anchors ?? null;
}

function plan(node: QueryAst): Plan | null {
  switch (node.kind) {
    case 'term':
      return termPlan(node);
    case 'phrase':
      return cheapest(node.terms.map(termPlan));
    case 'near':
      return cheapest([plan(node.left), plan(node.right)]);
    case 'and':
      return cheapest(node.children.map(plan));
    case 'or': {
      const parts = node.children.map(plan);
      const anchors: Anchor[] = [];
      let cost = 0;
      for (const p of parts) {
        if (!p) return null;
        anchors.push(...p.anchors);
        cost += p.cost;
      }
      return { anchors, cost };
    }
    case 'not':
      return null;
    case 'field':
      return { anchors: [{ kind: 'field', value: `${node.field}:${node.value}` }], cost: COST[node.field] };
  }
}

function termPlan(term: TermNode): Plan {
  switch (term.mode) {
    case 'exact':
      return { anchors: [{ kind: 'word', value: term.value }], cost: COST.word };
    case 'prefix':
      // Short prefixes ("li*") select many posts.
      return { anchors: [{ kind: 'prefix', value: term.value }], cost: 1 + 12 / term.value.length };
    case 'stem':
      return term.value.length >= GRAM
        ? { anchors: [{ kind: 'gram', value: term.value.slice(0, GRAM) }], cost: COST.gram }
        : { anchors: [{ kind: 'stem', value: term.value }], cost: COST.stem };
  }
}

function cheapest(plans: Array<Plan | null>): Plan | null {
  let best: Plan | null = null;
  for (const p of plans) if (p && (!best || p.cost < best.cost)) best = p;
  return best;
}
