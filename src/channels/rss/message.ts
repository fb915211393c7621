import { createHash } from 'node:crypto';
import type { InboundMessage } from '../../pipeline/inbound.js';
import { escapeHtml, htmlToText } from '../../security/sanitize.js';
import type { Feed, FeedEntry } from './feed.js';

const MAX_ID = 512;
const MAX_TEXT = 20_000;

/** Ids longer than the message store keeps are replaced by their hash, which is just as stable. */
function stableId(id: string): string {
  return id.length <= MAX_ID ? id : `sha256:${createHash('sha256').update(id).digest('hex')}`;
}

/**
 * The link to the entry is kept at the end of the text (and as a link in the HTML), because a
 * feed cannot be answered: the agent follows it to answer where the post was written.
 */
export function messageFromEntry(entry: FeedEntry, feed: Feed, feedUrl: string): InboundMessage {
  const summaryText = (entry.text ?? (entry.html ? htmlToText(entry.html) : '')).slice(0, MAX_TEXT).trim();
  const body = summaryText || entry.title || '';
  const text = entry.link ? `${body}\n\n${entry.link}`.trim() : body || '(empty entry)';
  const linkHtml = entry.link ? `<p><a href="${escapeHtml(entry.link)}">${escapeHtml(entry.link)}</a></p>` : '';
  const html = entry.html ? `${entry.html.slice(0, MAX_TEXT * 5)}${linkHtml}` : undefined;
  const site = feed.title ?? new URL(feedUrl).hostname;
  const author = entry.author;
  // Each author of a forum or comment feed is a person of their own; a blog without authors is the site.
  const senderId = author?.email ?? author?.uri ?? (author?.name ? `${author.name} (${site})` : site);
  const threadOf = entry.link ? entry.link.replace(/#.*$/, '') : `entry:${entry.id}`;
  return {
    externalId: stableId(entry.id),
    from: { id: senderId.slice(0, MAX_ID), name: (author?.name ?? site).slice(0, 256), ...(author?.email && { email: author.email }) },
    text,
    ...(html !== undefined && { html }),
    ...(entry.title && { subject: entry.title.slice(0, 998) }),
    threadKey: stableId(threadOf),
    ...(entry.published && { sentAt: entry.published }),
    visibility: 'public',
  };
}
