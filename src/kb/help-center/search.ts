import { type Kysely, sql } from 'kysely';
import type { ArticleLanguage, Database } from '../../db/schema.js';

export interface HelpSearchHit {
  slug: string;
  title: string;
  excerpt: string;
}

const MAX_WORDS = 6;
/** Vocabulary words an unknown search word may stand for: its nearest spellings. */
const ALTERNATIVES = 3;
// Low enough that "refnud" meets "refund" and "Rücksendng" meets "rücksendung", high enough that
// a short word does not meet half the vocabulary.
const SIMILARITY = 0.25;
/** Matches ranked per search: a very common word ranks a sample, not every article. */
const RANKED = 250;

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&nbsp;': ' ' };

/**
 * An article's text for a result list or a page description. The HTML is the sanitiser's output
 * (no comments, scripts or raw angle brackets in text), so dropping tags leaves its words; the
 * result is escaped again wherever it is shown.
 */
export function textExcerpt(html: string, length = 200): string {
  const text = html
    .replace(/<[^>]*(>|$)/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (m) => ENTITIES[m] ?? m)
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

function words(query: string): string[] {
  const found = query.toLowerCase().match(/[\p{L}\p{N}]{2,40}/gu) ?? [];
  return [...new Set(found)].slice(0, MAX_WORDS);
}

/**
 * The help center's search over published articles of one language. Each search word first
 * meets the workspace's vocabulary (every word its articles use): a typo such as "Rücksendng"
 * or "refnud" stands for its nearest real words by trigram similarity. The words then go through
 * stemmed full text (German or English by the article's language), so "Rücksendungen" finds
 * "Rücksendung"; every word must match, or, when no article has them all, any of them.
 */
export async function searchHelpCenter(db: Kysely<Database>, workspaceId: string, language: ArticleLanguage, query: string, limit = 20): Promise<HelpSearchHit[]> {
  const terms = words(query);
  if (terms.length === 0) return [];
  const config = language === 'de' ? 'german' : 'english';
  return db.transaction().execute(async (trx) => {
    // The threshold of the % operator, which is what lets the trigram index answer.
    await sql`SELECT set_config('pg_trgm.similarity_threshold', ${String(SIMILARITY)}, true)`.execute(trx);
    const { rows: corrections } = await sql<{ term: string; word: string }>`
      SELECT t.term, c.word
      FROM unnest(${terms}::text[]) AS t(term),
           LATERAL (
             SELECT word FROM kb_words
             WHERE workspace_id = ${workspaceId} AND language = ${language} AND word % t.term
             ORDER BY similarity(word, t.term) DESC, word
             LIMIT ${ALTERNATIVES}
           ) c`.execute(trx);
    // A word the articles use stays as it is; only an unknown word (a typo) stands for its neighbours.
    const alternatives = terms.map((term) => {
      const near = corrections.filter((c) => c.term === term).map((c) => c.word);
      return near.includes(term) ? [term] : [term, ...near];
    });
    const anyOf = (spellings: string[]) => sql`(${sql.join(spellings.map((s) => sql`plainto_tsquery(${config}::regconfig, ${s})`), sql` || `)})`;
    const run = async (joiner: '&&' | '||') => {
      const tsquery = sql.join(alternatives.map(anyOf), sql.raw(` ${joiner} `));
      const { rows } = await sql<{ slug: string; title: string; body: string }>`
        SELECT slug, title, left(body_html, 1200) AS body
        FROM (
          SELECT slug, title, body_html, search FROM articles
          WHERE workspace_id = ${workspaceId} AND status = 'published' AND language = ${language} AND search @@ (${tsquery})
          LIMIT ${RANKED}
        ) m
        ORDER BY ts_rank_cd(search, ${tsquery}) DESC, slug
        LIMIT ${limit}`.execute(trx);
      return rows;
    };
    let rows = await run('&&');
    if (rows.length === 0 && terms.length > 1) rows = await run('||');
    return rows.map((r) => ({ slug: r.slug, title: r.title, excerpt: textExcerpt(r.body) }));
  });
}
