import { anchorsOf, type Anchor } from './anchors.js';
import type { QueryAst } from './query-ast.js';
import { parseQuery } from './query-parser.js';

export interface CompiledQuery {
  id: string;
  source: string;
  ast: QueryAst;
  /** Keys of which every matching post contains one; null: the query must see every post. */
  anchors: Anchor[] | null;
}

/** Parses and plans a stored query; throws AppError('invalid') like parseQuery. */
export function compileQuery(id: string, src: string): CompiledQuery {
  const ast = parseQuery(src);
  return { id, source: src, ast, anchors: anchorsOf(ast) };
}
