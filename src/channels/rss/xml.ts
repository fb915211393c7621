import { AppError } from '../../domain/errors.js';

// A small XML reader for feeds from anywhere on the web. It understands elements, attributes,
// text, CDATA, comments and processing instructions, and nothing that could make it work for an
// attacker: a document type with an internal subset (where entities are declared) is refused, and
// only the five predefined entities and character references are ever replaced, so a "billion
// laughs" has nothing to expand. Every loop moves forward through the text, and size, depth and
// node count are bounded, so hostile input is refused in time proportional to its length.

export interface XmlElement {
  /** The qualified name as written (`dc:creator`). */
  name: string;
  /** The name without its prefix (`creator`). */
  local: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}

export type XmlNode = XmlElement | string;

export interface XmlLimits {
  maxChars: number;
  maxDepth: number;
  maxNodes: number;
  maxAttributes: number;
}

export const FEED_XML_LIMITS: XmlLimits = { maxChars: 5_000_000, maxDepth: 64, maxNodes: 200_000, maxAttributes: 64 };

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const REFERENCE = /&(#[xX][0-9a-fA-F]{1,8}|#[0-9]{1,10}|[A-Za-z][\w.-]{0,31});/g;
const NAME = /[^\s/>=<"'!?]+/y;
const ATTRIBUTE = /\s*([^\s/>=<"']+)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/y;
const TAG_END = /\s*(\/?)>/y;

function fail(message: string, at: number): never {
  throw new AppError('invalid', `Not well-formed XML at character ${at}: ${message}`, { at });
}

/** Replaces the predefined entities and character references; any other `&name;` stays as written. */
export function decodeXmlText(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(REFERENCE, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      const allowed = code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
      return allowed ? String.fromCodePoint(code) : '\uFFFD';
    }
    return PREDEFINED[ref] ?? whole;
  });
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

/** Parses a whole document and returns its root element. Throws AppError `invalid` or `too_large`. */
export function parseXml(input: string, limits: XmlLimits = FEED_XML_LIMITS): XmlElement {
  if (input.length > limits.maxChars) throw new AppError('too_large', `The document has ${input.length} characters; at most ${limits.maxChars} are read.`);
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let nodes = 0;
  let pos = 0;

  const skipPast = (terminator: string, from: number, what: string): number => {
    const end = text.indexOf(terminator, from);
    if (end === -1) fail(`unterminated ${what}`, from);
    return end + terminator.length;
  };
  const addText = (value: string, at: number) => {
    const parent = stack.at(-1);
    if (!parent) {
      if (value.trim() !== '') fail('text outside the root element', at);
      return;
    }
    if (value === '') return;
    if (++nodes > limits.maxNodes) throw new AppError('too_large', `The document has more than ${limits.maxNodes} nodes.`);
    parent.children.push(value);
  };

  while (pos < text.length) {
    const lt = text.indexOf('<', pos);
    if (lt === -1) {
      addText(decodeXmlText(text.slice(pos)), pos);
      break;
    }
    if (lt > pos) addText(decodeXmlText(text.slice(pos, lt)), pos);
    if (text.startsWith('<?', lt)) {
      pos = skipPast('?>', lt + 2, 'processing instruction');
    } else if (text.startsWith('<!--', lt)) {
      pos = skipPast('-->', lt + 4, 'comment');
    } else if (text.startsWith('<![CDATA[', lt)) {
      if (stack.length === 0) fail('CDATA outside the root element', lt);
      const end = text.indexOf(']]>', lt + 9);
      if (end === -1) fail('unterminated CDATA section', lt);
      addText(text.slice(lt + 9, end), lt);
      pos = end + 3;
    } else if (text.startsWith('<!DOCTYPE', lt) || text.startsWith('<!doctype', lt)) {
      if (root || stack.length > 0) fail('a document type inside the document', lt);
      const end = text.indexOf('>', lt);
      if (end === -1) fail('unterminated document type', lt);
      // Entities can only be declared in an internal subset; without one there is nothing to expand.
      if (text.slice(lt, end).includes('[')) throw new AppError('invalid', 'Documents that declare their own entities (an internal DTD subset) are not accepted.', { at: lt });
      pos = end + 1;
    } else if (text.startsWith('<!', lt)) {
      fail('unknown markup declaration', lt);
    } else if (text.startsWith('</', lt)) {
      NAME.lastIndex = lt + 2;
      const name = NAME.exec(text)?.[0];
      const open = stack.pop();
      if (!name || !open || open.name !== name) fail(`closing tag </${name ?? ''}> does not match <${open?.name ?? ''}>`, lt);
      const close = text.indexOf('>', NAME.lastIndex);
      if (close === -1 || text.slice(NAME.lastIndex, close).trim() !== '') fail('malformed closing tag', lt);
      pos = close + 1;
    } else {
      NAME.lastIndex = lt + 1;
      const name = NAME.exec(text)?.[0];
      if (!name) fail('a tag without a name', lt);
      if (!stack.length && root) fail('a second root element', lt);
      if (stack.length >= limits.maxDepth) throw new AppError('too_large', `Elements are nested deeper than ${limits.maxDepth} levels.`);
      if (++nodes > limits.maxNodes) throw new AppError('too_large', `The document has more than ${limits.maxNodes} nodes.`);
      const element: XmlElement = { name, local: localName(name), attrs: {}, children: [] };
      let at = NAME.lastIndex;
      let count = 0;
      for (;;) {
        ATTRIBUTE.lastIndex = at;
        const attr = ATTRIBUTE.exec(text);
        if (!attr) break;
        if (++count > limits.maxAttributes) throw new AppError('too_large', `An element has more than ${limits.maxAttributes} attributes.`);
        element.attrs[attr[1]!] = decodeXmlText(attr[2] ?? attr[3] ?? '');
        at = ATTRIBUTE.lastIndex;
      }
      TAG_END.lastIndex = at;
      const end = TAG_END.exec(text);
      if (!end) fail(`malformed tag <${name}>`, lt);
      const parent = stack.at(-1);
      if (parent) parent.children.push(element);
      else root = element;
      if (end[1] !== '/') stack.push(element);
      pos = TAG_END.lastIndex;
    }
  }
  if (stack.length > 0) fail(`<${stack.at(-1)?.name}> is never closed`, text.length);
  if (!root) fail('no root element', 0);
  return root;
}

/** Child elements, optionally only those with this local name. */
export function childElements(el: XmlElement, local?: string): XmlElement[] {
  return el.children.filter((c): c is XmlElement => typeof c !== 'string' && (local === undefined || c.local === local));
}

/** The first child with this qualified (`dc:creator`) or local (`title`) name. */
export function child(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c): c is XmlElement => typeof c !== 'string' && (name.includes(':') ? c.name === name : c.local === name && !c.name.includes(':')));
}

/** All text inside an element, its descendants' included, in document order. */
export function textContent(el: XmlElement): string {
  return el.children.map((c) => (typeof c === 'string' ? c : textContent(c))).join('');
}
