export { compileQuery, type CompiledQuery } from './compile.js';
export { matchAllNaively, matchesNaively, testQuery } from './naive.js';
export type { Post } from './post.js';
export type { QueryAst, TermMode, FieldName } from './query-ast.js';
export { parseQuery, MAX_QUERY_LENGTH, MAX_DEPTH, MAX_TERMS } from './query-parser.js';
export { renderQueryError, queryErrorDetails, type QueryErrorDetails, type QueryErrorReason, type Locale } from './query-errors.js';
export { QueryIndex } from './query-index.js';
export { tokenise, type Token, type Tokenised } from './tokenise.js';
