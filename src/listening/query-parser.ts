import { fold } from './fold.js';
import { FIELD_NAMES, isPositional, type FieldName, type QueryAst, type TermMode, type TermNode } from './query-ast.js';
import { queryError } from './query-errors.js';
import { lex, type Lexeme } from './query-lexer.js';
import { stem } from './stem.js';
import { hostOf, tokenise } from './tokenise.js';

// Limits against hostile or runaway input: a stored query is matched against every post.
export const MAX_QUERY_LENGTH = 4096;
export const MAX_DEPTH = 32;
export const MAX_TERMS = 256;
/** Chained proximity multiplies evaluation work on long posts. */
export const MAX_PROXIMITY = 16;
export const MIN_PREFIX = 2;

const OPERAND = ['term', 'phrase', '('];

/**
 * Parses the listening query language (see docs/listening.md).
 * Throws AppError('invalid') with details { reason, position, expected } on bad input.
 */
export function parseQuery(src: string): QueryAst {
  if (src.length > MAX_QUERY_LENGTH) {
    throw queryError({ reason: 'too_long', position: MAX_QUERY_LENGTH, expected: [], limit: MAX_QUERY_LENGTH });
  }
  return new Parser(lex(src)).parse();
}

class Parser {
  private at = 0;
  private terms = 0;
  private proximity = 0;
  private readonly end: Lexeme;

  constructor(private readonly lexemes: Lexeme[]) {
    this.end = lexemes[lexemes.length - 1] ?? { type: 'end', pos: 0 };
  }

  parse(): QueryAst {
    const first = this.peek();
    if (first.type === 'end') throw queryError({ reason: 'empty_query', position: 0, expected: OPERAND });
    const ast = this.parseOr(0);
    const rest = this.peek();
    if (rest.type !== 'end') throw this.unexpected(rest, ['end']);
    return ast;
  }

  private parseOr(depth: number): QueryAst {
    const children = [this.parseAnd(depth)];
    while (this.peek().type === 'OR') {
      this.next();
      children.push(this.parseAnd(depth));
    }
    return join('or', children);
  }

  private parseAnd(depth: number): QueryAst {
    const children = [this.parseUnary(depth)];
    for (;;) {
      const t = this.peek().type;
      if (t === 'AND') {
        this.next();
      } else if (t !== 'word' && t !== 'phrase' && t !== '(' && t !== 'NOT') {
        break;
      }
      children.push(this.parseUnary(depth));
    }
    return join('and', children);
  }

  private parseUnary(depth: number): QueryAst {
    const lexeme = this.peek();
    if (lexeme.type !== 'NOT') return this.parseNear(depth);
    this.next();
    this.checkDepth(depth + 1, lexeme.pos);
    return { kind: 'not', child: this.parseUnary(depth + 1) };
  }

  private parseNear(depth: number): QueryAst {
    const leftPos = this.peek().pos;
    let left = this.parsePrimary(depth);
    for (let op = this.peek(); op.type === 'near'; op = this.peek()) {
      this.next();
      if (++this.proximity > MAX_PROXIMITY) {
        throw queryError({ reason: 'too_many_proximity', position: op.pos, expected: [], limit: MAX_PROXIMITY });
      }
      const rightPos = this.peek().pos;
      const right = this.parsePrimary(depth);
      if (!isPositional(left)) throw queryError({ reason: 'not_positional', position: leftPos, expected: OPERAND });
      if (!isPositional(right)) throw queryError({ reason: 'not_positional', position: rightPos, expected: OPERAND });
      left = { kind: 'near', left, right, distance: op.distance, ordered: op.ordered };
    }
    return left;
  }

  private parsePrimary(depth: number): QueryAst {
    const lexeme = this.next();
    switch (lexeme.type) {
      case '(': {
        this.checkDepth(depth + 1, lexeme.pos);
        const inner = this.parseOr(depth + 1);
        const close = this.next();
        if (close.type !== ')') throw this.unexpected(close, [')']);
        return inner;
      }
      case 'phrase':
        return this.termsOf(lexeme.text, lexeme.pos, 'exact', true);
      case 'word':
        return this.parseWord(lexeme.text, lexeme.pos);
      default:
        throw this.unexpected(lexeme, OPERAND);
    }
  }

  private parseWord(text: string, pos: number): QueryAst {
    const field = /^([A-Za-z]+):(.*)$/.exec(text);
    if (field && field[1] !== undefined && field[2] !== undefined) {
      const name = field[1].toLowerCase();
      if (isFieldName(name)) return this.parseField(name, field[2], text, pos);
      if (field[2] !== '' && !field[2].startsWith('//')) {
        throw queryError({ reason: 'unknown_field', position: pos, expected: FIELD_NAMES.map((f) => `${f}:`), found: `${field[1]}:` });
      }
    }
    const mode: TermMode = text.endsWith('*') ? 'prefix' : text.endsWith('~') ? 'stem' : 'exact';
    return this.termsOf(mode === 'exact' ? text : text.slice(0, -1), pos, mode, false);
  }

  private parseField(field: FieldName, raw: string, text: string, pos: number): QueryAst {
    this.countTerm(pos);
    const value = fieldValue(field, raw);
    if (!value) throw queryError({ reason: 'empty_field_value', position: pos, expected: ['value'], found: text });
    return { kind: 'field', field, value };
  }

  /** A quoted phrase or a bare word that the tokeniser splits ("Paket-Lieferung") is a phrase. */
  private termsOf(text: string, pos: number, mode: TermMode, quoted: boolean): QueryAst {
    const tokens = tokenise(text).tokens;
    const last = tokens[tokens.length - 1];
    if (!last) throw queryError({ reason: quoted ? 'empty_phrase' : 'empty_term', position: pos, expected: OPERAND, found: text });
    const terms: TermNode[] = tokens.map((t) => {
      this.countTerm(pos);
      return { kind: 'term', value: t.value, mode: 'exact' };
    });
    const lastTerm = terms[terms.length - 1];
    if (lastTerm && mode === 'prefix') {
      if (last.value.replace(/^[#@]/, '').length < MIN_PREFIX) {
        throw queryError({ reason: 'prefix_too_short', position: pos, expected: ['term'], found: `${text}*`, limit: MIN_PREFIX });
      }
      lastTerm.mode = 'prefix';
    } else if (lastTerm && mode === 'stem') {
      if (last.kind === 'hashtag' || last.kind === 'mention') {
        throw queryError({ reason: 'stem_on_tag', position: pos, expected: ['term'], found: `${text}~` });
      }
      lastTerm.mode = 'stem';
      lastTerm.value = stem(last.value);
    }
    return terms.length === 1 && lastTerm ? lastTerm : { kind: 'phrase', terms };
  }

  private countTerm(pos: number): void {
    if (++this.terms > MAX_TERMS) throw queryError({ reason: 'too_many_terms', position: pos, expected: [], limit: MAX_TERMS });
  }

  private checkDepth(depth: number, pos: number): void {
    if (depth > MAX_DEPTH) throw queryError({ reason: 'too_deep', position: pos, expected: [], limit: MAX_DEPTH });
  }

  private unexpected(lexeme: Lexeme, expected: string[]) {
    if (lexeme.type === 'end') return queryError({ reason: 'unexpected_end', position: lexeme.pos, expected });
    const found = 'text' in lexeme ? lexeme.text : lexeme.type;
    return queryError({ reason: 'unexpected_token', position: lexeme.pos, expected, found });
  }

  private peek(): Lexeme {
    return this.lexemes[this.at] ?? this.end;
  }

  private next(): Lexeme {
    const lexeme = this.peek();
    if (this.at < this.lexemes.length - 1) this.at++;
    return lexeme;
  }
}

function isFieldName(name: string): name is FieldName {
  return (FIELD_NAMES as readonly string[]).includes(name);
}

/** Field values are normalised the same way post metadata is (see evaluate.ts). */
export function fieldValue(field: FieldName, raw: string): string | null {
  const v = raw.trim();
  if (!v) return null;
  switch (field) {
    case 'lang':
      return normaliseLang(v);
    case 'channel':
      return v.toLowerCase();
    case 'author':
      return normaliseAuthor(v);
    case 'site':
      return hostOf(v);
  }
}

export function normaliseLang(lang: string): string | null {
  return lang.toLowerCase().split(/[-_]/)[0] || null;
}

export function normaliseAuthor(author: string): string | null {
  return fold(author.trim().replace(/^@/, '')) || null;
}

function join(kind: 'and' | 'or', children: QueryAst[]): QueryAst {
  const flat = children.flatMap((c) => (c.kind === kind ? c.children : [c]));
  return flat.length === 1 && flat[0] ? flat[0] : { kind, children: flat };
}
