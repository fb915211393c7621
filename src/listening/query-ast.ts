/**
 * exact: the folded word itself; prefix: `liefer*`; stem: `Lieferung~` (inflections and
 * compounds, see stem.ts).
 */
export type TermMode = 'exact' | 'prefix' | 'stem';

export type FieldName = 'lang' | 'channel' | 'author' | 'site';

export const FIELD_NAMES: readonly FieldName[] = ['lang', 'channel', 'author', 'site'];

export interface TermNode {
  kind: 'term';
  /** Folded token; hashtags start with '#', mentions with '@'. For stem mode, the stem. */
  value: string;
  mode: TermMode;
}

export interface PhraseNode {
  kind: 'phrase';
  terms: TermNode[];
}

export interface NearNode {
  kind: 'near';
  left: PositionalNode;
  right: PositionalNode;
  /** At most this many other words between the two sides. */
  distance: number;
  /** ONEAR: left must come before right. */
  ordered: boolean;
}

/** An OR whose children all have word positions, so it may sit inside NEAR. */
export interface PositionalOrNode {
  kind: 'or';
  children: PositionalNode[];
}

export type PositionalNode = TermNode | PhraseNode | NearNode | PositionalOrNode;

export interface AndNode {
  kind: 'and';
  children: QueryAst[];
}

export interface OrNode {
  kind: 'or';
  children: QueryAst[];
}

export interface NotNode {
  kind: 'not';
  child: QueryAst;
}

export interface FieldNode {
  kind: 'field';
  field: FieldName;
  value: string;
}

export type QueryAst = TermNode | PhraseNode | NearNode | AndNode | OrNode | NotNode | FieldNode;

export function isPositional(node: QueryAst): node is PositionalNode {
  switch (node.kind) {
    case 'term':
    case 'phrase':
    case 'near':
      return true;
    case 'or':
      return node.children.every(isPositional);
    default:
      return false;
  }
}
