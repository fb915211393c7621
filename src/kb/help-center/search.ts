import { type Kysely, sql } from 'kysely';
import type { ArticleLanguage, Database } from '../../db/schema.js';
import { htmlToText } from '../../security/sanitize.js';

export interface HelpSearchHit {
  slug: string;
  title: string;
  excerpt: string;
}

const MAX_WORDS = 6;
// Low enough that "refnud" still meets "refund" (they share the start), high enough that a
// three-letter word does not meet every title.
const WORD_SIMILARITY = 0.3;

function words(query: string): string[] {
  const found = query.toLowerCase().match(/[\p{L}\p{N}]{2,}/gu) ?? [];
  return [...new Set(found)].slice(0, MAX_WORDS);
}

/** An article's text for a result list or a page description: the sanitised HTML's words, cut short. */
export function textExcerpt(html: string, length = 200): string {
  const text = htmlToText(html).replace(/\s+/g, ' ');
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

/**
 * The help center's search over published articles of one language. Stemmed full text (German
 * or English by the article's language) finds "Rücksendungen" for "Rücksendung"; trigram word
 * similarity on the title finds "Rücksendng" and "refnud". Each query word counts on its own
 * (any word may match), and the rank adds both, so articles matching more words come first.
 */
export async function searchHelpCenter(db: Kysely<Database>, workspaceId: string, language: ArticleLanguage, query: string, limit = 20): Promise<HelpSearchHit[]> {
  const terms = words(query);
  if (terms.length === 0) return [];
  const config = language === 'de' ? 'german' : 'english';
  const tsquery = sql`websearch_to_tsquery(${config}::regconfig, ${terms.join(' or ')})`;
  const similar = sql.join(terms.map((t) => sql`${t} <% lower(title)`), sql` OR `);
  const similarity = sql.join(terms.map((t) => sql`word_similarity(${t}, lower(title))`), sql` + `);
  return db.transaction().execute(async (trx) => {
    // The threshold of the <% operator, which is what lets the trigram index answer.
    await sql`SELECT set_config('pg_trgm.word_similarity_threshold', ${String(WORD_SIMILARITY)}, true)`.execute(trx);
    const { rows } = await sql<{ slug: string; title: string; body: string }>`
      SELECT slug, title, left(body_html, 1200) AS body
      FROM articles
      WHERE workspace_id = ${workspaceId} AND status = 'published' AND language = ${language}
        AND (search @@ ${tsquery} OR ${similar})
      ORDER BY ts_rank_cd(search, ${tsquery}) + (${similarity}) / ${terms.length} DESC, slug
      LIMIT ${limit}`.execute(trx);
    return rows.map((r) => ({ slug: r.slug, title: r.title, excerpt: textExcerpt(r.body) }));
  });
}
