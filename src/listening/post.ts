import { normaliseAuthor, normaliseLang } from './query-parser.js';
import { hostOf, tokenise } from './tokenise.js';

export interface Post {
  id: string;
  text: string;
  lang?: string;
  channel?: string;
  author?: string;
  url?: string;
}

/** A post tokenised once, shared by every query evaluated against it. */
export interface PreparedPost {
  /** The searchable forms at each word position: "#lieferung" also counts as "lieferung". */
  positions: string[][];
  /** Each distinct form and the ascending positions where it occurs. */
  exact: Map<string, number[]>;
  lang: string | null;
  channel: string | null;
  author: string | null;
  /** Hosts of post.url and of the URLs in the text. */
  hosts: string[];
  /** Positions of prefix and stem terms, computed once per post. */
  memo: Map<string, number[]>;
}

export function preparePost(post: Post): PreparedPost {
  const { tokens, hosts } = tokenise(post.text);
  const positions: string[][] = [];
  const exact = new Map<string, number[]>();
  tokens.forEach((token, i) => {
    const forms = token.kind === 'hashtag' || token.kind === 'mention' ? [token.value, token.value.slice(1)] : [token.value];
    positions.push(forms);
    for (const form of forms) {
      const at = exact.get(form);
      if (at) at.push(i);
      else exact.set(form, [i]);
    }
  });
  const urlHost = post.url ? hostOf(post.url) : null;
  return {
    positions,
    exact,
    lang: post.lang ? normaliseLang(post.lang) : null,
    channel: post.channel ? post.channel.trim().toLowerCase() || null : null,
    author: post.author ? normaliseAuthor(post.author) : null,
    hosts: urlHost ? [urlHost, ...hosts] : hosts,
    memo: new Map(),
  };
}
