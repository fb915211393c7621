import { Marked } from 'marked';
import { sanitizeHtml } from '../safety/sanitize.js';

const parser = new Marked({ gfm: true, async: false });

/**
 * What the article will look like, sanitised like every other HTML in the app (images stay out
 * of the agent's session; the help center shows them).
 */
export function previewHtml(markdown: string): string {
  return sanitizeHtml(parser.parse(markdown, { async: false }));
}
