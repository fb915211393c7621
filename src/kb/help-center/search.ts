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
 * The help center's search over published articles of one language, in one statement. Each
 * search word first meets the workspace's vocabulary (every word its articles use): a word the
 * articles use stays as it is, an unknown one (a typo such as "Rücksendng" or "refnud") stands
 * for itself or its nearest spellings by trigram similarity. The words then go through stemmed
 * full text (German or English by the article's language), so "Rücksendungen" finds
 * "Rücksendung"; every word must match, or, when no article has them all, any of them.
 */
export async function searchHelpCenter(db: Kysely<Database>, workspaceId: string, language: ArticleLanguage, query: string, limit = 20): Promise<HelpSearchHit[]> {
  const terms = words(query);
  if (terms.length === 0) return [];
  const config = language === 'de' ? 'german' : 'english';
  // Words hold only letters and digits, so they are safe inside to_tsquery's syntax.
  const run = async (joiner: ' & ' | ' | ') => {
    const { rows } = await sql<{ slug: string; title: string; body: string }>`
      WITH spelled AS (
        SELECT t.ord, CASE WHEN t.term = ANY (n.near) THEN ARRAY[t.term] ELSE t.term || n.near END AS spellings
        FROM unnest(${terms}::text[]) WITH ORDINALITY AS t(term, ord),
             LATERAL (SELECT array(SELECT kb_similar_words(${workspaceId}::uuid, ${language}, t.term, ${ALTERNATIVES})) AS near) n
      ),
      q AS (SELECT to_tsquery(${config}::regconfig, string_agg('(' || array_to_string(spellings, ' | ') || ')', ${joiner} ORDER BY ord)) AS tsq FROM spelled)
      SELECT m.slug, m.title, left(m.body_html, 1200) AS body
      FROM q, LATERAL (
        SELECT slug, title, body_html, search FROM articles
        WHERE workspace_id = ${workspaceId} AND status = 'published' AND language = ${language} AND search @@ q.tsq
        LIMIT ${RANKED}
      ) m
      ORDER BY ts_rank_cd(m.search, q.tsq) DESC, m.slug
      LIMIT ${limit}`.execute(db);
    return rows;
  };
  let rows = await run(' & ');
  if (rows.length === 0 && terms.length > 1) rows = await run(' | ');
  return rows.map((r) => ({ slug: r.slug, title: r.title, excerpt: textExcerpt(r.body) }));
}
