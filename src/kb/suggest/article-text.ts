// An article may carry the questions it answers, the way customers ask them, in a section of its
// Markdown headed "Example questions" or "Beispielfragen" (one list item per question). They are
// indexed as questions, with more weight than body text, and left out of the answer an agent inserts
// or the bot sends.
const SECTION_RE = /^#{1,6}\s*(?:example questions|beispielfragen)\s*:?\s*$/i;
const HEADING_RE = /^#{1,6}\s/;
const ITEM_RE = /^\s*(?:[-*+]|\d+[.)])\s+(.*)$/;

function split(md: string): { answer: string[]; questions: string[] } {
  const answer: string[] = [];
  const questions: string[] = [];
  let inSection = false;
  for (const line of md.split(/\r?\n/)) {
    if (SECTION_RE.test(line.trim())) {
      inSection = true;
      continue;
    }
    if (inSection && HEADING_RE.test(line.trim())) inSection = false;
    if (!inSection) {
      answer.push(line);
      continue;
    }
    const item = ITEM_RE.exec(line);
    if (item?.[1]?.trim()) questions.push(item[1].trim());
  }
  return { answer, questions };
}

export function exampleQuestions(md: string): string[] {
  return split(md).questions;
}

/** The article's Markdown without its example questions, as plain text an agent can edit. */
export function answerText(md: string): string {
  return split(md)
    .answer.join('\n')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]+)\]\(([^)\s]+)[^)]*\)/g, '$1 ($2)')
    .replace(/^#{1,6}\s+/gm, '')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[^*\w])[*_]([^*_\n]+)[*_](?=[^*\w]|$)/g, '$1$2')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/^\s*>\s?/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The first words of a text, cut at a word boundary. */
export function snippetOf(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${cut.slice(0, space > max / 2 ? space : max)} …`;
}
