export interface MentionQuery {
  /** Index of the "@" in the text. */
  start: number;
  term: string;
}

/** The "@…" being typed just before the caret, if any: it must start a word. */
export function mentionAt(text: string, caret: number): MentionQuery | null {
  const before = text.slice(0, caret);
  const match = /(^|\s)@([\p{L}\p{N}._-]{0,30})$/u.exec(before);
  if (!match) return null;
  const term = match[2] ?? '';
  return { start: caret - term.length - 1, term };
}

export function suggestUsers<T extends { name: string; email: string }>(users: readonly T[], term: string, limit = 6): T[] {
  const needle = term.toLowerCase();
  return users.filter((u) => u.name.toLowerCase().split(/\s+/).some((part) => part.startsWith(needle)) || u.email.toLowerCase().startsWith(needle)).slice(0, limit);
}

/** Replaces the "@term" with "@Full Name " and returns the new text and caret. */
export function insertMention(text: string, q: MentionQuery, name: string): { text: string; caret: number } {
  const inserted = `@${name} `;
  const next = text.slice(0, q.start) + inserted + text.slice(q.start + 1 + q.term.length);
  return { text: next, caret: q.start + inserted.length };
}
