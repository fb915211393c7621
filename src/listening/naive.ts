import type { CompiledQuery } from './compile.js';
import { evaluate } from './evaluate.js';
import { preparePost, type Post } from './post.js';
import type { QueryAst } from './query-ast.js';
import { parseQuery } from './query-parser.js';

/** One query against one post, without any index: the reference QueryIndex must agree with. */
export function matchesNaively(q: CompiledQuery | QueryAst, post: Post): boolean {
  return evaluate('source' in q ? q.ast : q, preparePost(post));
}

/** Try a query on sample posts before saving it (the query editor's preview). */
export function testQuery(src: string, samples: Post[]): { post: Post; matched: boolean }[] {
  const ast = parseQuery(src);
  return samples.map((post) => ({ post, matched: evaluate(ast, preparePost(post)) }));
}

/** Every query evaluated against the post, no index: the baseline QueryIndex is measured against. */
export function matchAllNaively(queries: readonly CompiledQuery[], post: Post): string[] {
  const prepared = preparePost(post);
  const ids: string[] = [];
  for (const q of queries) if (evaluate(q.ast, prepared)) ids.push(q.id);
  return ids.sort();
}
