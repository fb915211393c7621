import { fold } from './fold.js';

export type TokenKind = 'word' | 'hashtag' | 'mention' | 'emoji';

export interface Token {
  kind: TokenKind;
  /** Folded text; hashtags keep their '#', mentions their '@'. */
  value: string;
}

export interface Tokenised {
  tokens: Token[];
  /** Lower-case hosts of the URLs in the text, without "www.". */
  hosts: string[];
}

// One pass, alternatives in priority order: URL, #tag / @mention, word, emoji.
// Hyphens split words so "Paket-Lieferung" is the phrase "paket lieferung".
const TOKEN_RE =
  /(https?:\/\/[^\s<>"'()]+|www\.[^\s<>"'()]+)|([#@])([\p{L}\p{M}\p{N}_]+)|([\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}]+)*)|(\p{Extended_Pictographic})/gu;

/** The one tokeniser of social listening: posts and query terms both go through it. */
export function tokenise(text: string): Tokenised {
  const tokens: Token[] = [];
  const hosts: string[] = [];
  for (const m of text.matchAll(TOKEN_RE)) {
    const [, url, sigil, tag, word, emoji] = m;
    if (url !== undefined) {
      const host = hostOf(url);
      if (host) hosts.push(host);
    } else if (sigil !== undefined && tag !== undefined) {
      tokens.push({ kind: sigil === '#' ? 'hashtag' : 'mention', value: sigil + fold(tag) });
    } else if (word !== undefined) {
      const value = fold(word);
      if (value) tokens.push({ kind: 'word', value });
    } else if (emoji !== undefined) {
      tokens.push({ kind: 'emoji', value: emoji });
    }
  }
  return { tokens, hosts };
}

/** Host of a URL, lower-cased and without a leading "www.", or null when it has none. */
export function hostOf(url: string): string | null {
  const withScheme = /^https?:\/\//i.test(url) ? url : `http://${url}`;
  try {
    return normaliseHost(new URL(withScheme).hostname);
  } catch {
    return null;
  }
}

export function normaliseHost(host: string): string | null {
  const h = host.toLowerCase().replace(/^www\./, '').replace(/\.$/, '');
  return h.length > 0 ? h : null;
}
