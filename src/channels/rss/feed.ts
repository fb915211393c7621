import { AppError } from '../../domain/errors.js';
import { htmlToText } from '../../security/sanitize.js';
import { child, childElements, parseXml, textContent, type XmlElement } from './xml.js';

// RSS 2.0 (and 0.9x), RSS 1.0 (RDF) and Atom 1.0 read into one shape. Feeds in the wild bend
// every rule, so a missing field makes an entry poorer, never the feed unreadable.

export interface FeedAuthor {
  name?: string;
  email?: string;
  uri?: string;
}

export interface FeedEntry {
  /** guid / id, or the link when the feed gives neither. */
  id: string;
  link: string | null;
  title: string | null;
  author: FeedAuthor | null;
  /** The summary as HTML (RSS descriptions and Atom `html` content are HTML). */
  html: string | null;
  /** The summary when the feed marks it as plain text. */
  text: string | null;
  published: Date | null;
}

export interface Feed {
  title: string | null;
  link: string | null;
  entries: FeedEntry[];
}

/** Entries read per feed; feeds list their newest first, and a poll only needs what is new. */
export const MAX_ENTRIES = 500;

const EMAIL = /^[^\s@()<>]+@[^\s@()<>]+\.[^\s@()<>]+$/;

function clean(value: string | undefined | null): string | null {
  const v = value?.replace(/\s+/g, ' ').trim();
  return v ? v : null;
}

function textOf(el: XmlElement | undefined): string | null {
  return el ? clean(textContent(el)) : null;
}

function absolute(href: string | null | undefined, base: string): string | null {
  if (!href) return null;
  try {
    const url = new URL(href.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}

function date(value: string | null): Date | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** RSS `author` is "address (Name)" by the spec, and just a name in many feeds. */
function rssAuthor(value: string | null): FeedAuthor | null {
  if (!value) return null;
  const m = /^(\S+@\S+)\s*\((.+)\)$/.exec(value);
  if (m) return { email: m[1]!, name: m[2]!.trim() };
  return EMAIL.test(value) ? { email: value } : { name: value };
}

function rssEntry(item: XmlElement, base: string): FeedEntry | null {
  const link = absolute(textOf(child(item, 'link')) ?? item.attrs['rdf:about'], base);
  const guid = textOf(child(item, 'guid')) ?? item.attrs['rdf:about'] ?? null;
  const id = guid ?? link;
  if (!id) return null;
  const encoded = child(item, 'content:encoded');
  const description = child(item, 'description');
  return {
    id,
    link,
    title: textOf(child(item, 'title')),
    author: rssAuthor(textOf(child(item, 'author')) ?? textOf(child(item, 'dc:creator'))),
    html: description ? textContent(description).trim() || null : encoded ? textContent(encoded).trim() || null : null,
    text: null,
    published: date(textOf(child(item, 'pubDate')) ?? textOf(child(item, 'dc:date'))),
  };
}

function atomAuthor(el: XmlElement | undefined): FeedAuthor | null {
  if (!el) return null;
  const author: FeedAuthor = {};
  const name = textOf(child(el, 'name'));
  const email = textOf(child(el, 'email'));
  const uri = textOf(child(el, 'uri'));
  if (name) author.name = name;
  if (email && EMAIL.test(email)) author.email = email;
  if (uri) author.uri = uri;
  return Object.keys(author).length > 0 ? author : null;
}

function atomLink(el: XmlElement, base: string): string | null {
  const links = childElements(el, 'link').filter((l) => !l.name.includes(':') || l.name.startsWith('atom:'));
  const alternate = links.find((l) => (l.attrs.rel ?? 'alternate') === 'alternate') ?? links[0];
  return absolute(alternate?.attrs.href, el.attrs['xml:base'] ? new URL(el.attrs['xml:base'], base).toString() : base);
}

/** Atom text constructs: `html` is escaped HTML; `xhtml` markup was parsed as XML, so only its text is kept. */
function atomText(el: XmlElement | undefined): { html: string | null; text: string | null } {
  if (!el) return { html: null, text: null };
  const type = el.attrs.type ?? 'text';
  const content = textContent(el).trim() || null;
  return type === 'html' || type === 'text/html' ? { html: content, text: null } : { html: null, text: content };
}

function atomEntry(entry: XmlElement, base: string, feedAuthor: FeedAuthor | null): FeedEntry | null {
  const link = atomLink(entry, base);
  const id = textOf(child(entry, 'id')) ?? link;
  if (!id) return null;
  const summary = atomText(child(entry, 'summary') ?? child(entry, 'content'));
  const title = atomText(child(entry, 'title'));
  return {
    id,
    link,
    title: clean(title.html !== null ? htmlToText(title.html) : title.text),
    author: atomAuthor(child(entry, 'author')) ?? feedAuthor,
    ...summary,
    published: date(textOf(child(entry, 'published')) ?? textOf(child(entry, 'updated'))),
  };
}

/** Reads a feed document; `base` resolves relative links (the feed's own address). */
export function readFeed(xml: string, base: string): Feed {
  const root = parseXml(xml);
  if (root.local === 'rss' || root.local === 'RDF') {
    const channel = child(root, 'channel');
    // RSS 2.0 keeps items in the channel; RSS 1.0 keeps them beside it.
    const items = root.local === 'rss' ? (channel ? childElements(channel, 'item') : []) : childElements(root, 'item');
    return {
      title: channel ? textOf(child(channel, 'title')) : null,
      link: channel ? absolute(textOf(child(channel, 'link')), base) : null,
      entries: items.slice(0, MAX_ENTRIES).flatMap((i) => rssEntry(i, base) ?? []),
    };
  }
  if (root.local === 'feed') {
    const feedAuthor = atomAuthor(child(root, 'author'));
    return {
      title: textOf(child(root, 'title')),
      link: atomLink(root, base),
      entries: childElements(root, 'entry').slice(0, MAX_ENTRIES).flatMap((e) => atomEntry(e, base, feedAuthor) ?? []),
    };
  }
  throw new AppError('invalid', `This is XML, but not an RSS or Atom feed (its root element is <${root.name}>).`);
}
