import { Marked } from 'marked';
import { sanitizeArticleHtml } from '../security/sanitize.js';

// One parser instance with fixed options, so another module's marked.use() cannot change how
// articles render.
const parser = new Marked({ gfm: true, breaks: false, async: false });

/** An article's Markdown as HTML that is safe to show on the public help center. */
export function renderArticleMarkdown(markdown: string): string {
  return sanitizeArticleHtml(parser.parse(markdown, { async: false }));
}
