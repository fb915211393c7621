import type { RunningParley } from '../../src/server.js';
import type { ArticleStatus } from '../../src/db/schema.js';

export interface TestArticle {
  title: string;
  bodyMd: string;
  language?: 'de' | 'en';
  status?: ArticleStatus;
  tags?: string[];
  slug?: string;
}

let counter = 0;

/** Stores an article directly, as the knowledge-base editor would have saved it. */
export async function insertArticle(p: RunningParley, workspaceId: string, a: TestArticle): Promise<{ id: string; slug: string }> {
  const slug = a.slug ?? `article-${++counter}`;
  const escaped = a.bodyMd.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return p.db
    .insertInto('articles')
    .values({
      workspaceId,
      language: a.language ?? 'de',
      slug,
      title: a.title,
      bodyMd: a.bodyMd,
      bodyHtml: `<p>${escaped}</p>`,
      categoryId: null,
      tags: a.tags ?? [],
      status: a.status ?? 'published',
      authorId: null,
      reviewerId: null,
      sourceConversationId: null,
    })
    .returning(['id', 'slug'])
    .executeTakeFirstOrThrow();
}
