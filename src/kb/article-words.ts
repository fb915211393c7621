import { sql } from 'kysely';
import type { ArticleLanguage, Db } from '../db/schema.js';

/** Lower-case words of three letters or more, as the search compares them. */
export function wordsOf(text: string): string[] {
  return [...new Set(text.toLowerCase().match(/[\p{L}][\p{L}\p{N}]{2,39}/gu) ?? [])];
}

/**
 * Adds an article's words to its workspace's vocabulary, which the help-center search corrects
 * typos against. Words are never removed: a word no article uses any more corrects to nothing found.
 */
export async function recordArticleWords(db: Db, workspaceId: string, language: ArticleLanguage, texts: string[]): Promise<void> {
  const words = wordsOf(texts.join(' '));
  if (words.length === 0) return;
  await sql`
    INSERT INTO kb_words (workspace_id, language, word)
    SELECT ${workspaceId}, ${language}, w FROM unnest(${words}::text[]) AS w
    ON CONFLICT DO NOTHING`.execute(db);
}
