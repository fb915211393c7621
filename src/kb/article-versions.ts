import { diffLines } from 'diff';
import type { Kysely } from 'kysely';
import { type ArticleDto, findArticle } from '../db/articles.js';
import type { Database, Db } from '../db/schema.js';
import { AppError } from '../domain/errors.js';
import { applyArticlePatch, type Editor } from './articles.js';

export interface ArticleVersionDto {
  version: number;
  title: string;
  authorId: string | null;
  createdAt: string;
}

export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

export interface ArticleVersionDetailDto extends ArticleVersionDto {
  bodyMd: string;
  /** From this version to the current one: "added" is what the current text has and this version lacks. */
  diff: DiffPart[];
}

// The title leads the compared text, so a renamed article shows as a change too.
function comparable(v: { title: string; bodyMd: string }): string {
  return `# ${v.title}\n\n${v.bodyMd.endsWith('\n') ? v.bodyMd : `${v.bodyMd}\n`}`;
}

export function diffVersions(from: { title: string; bodyMd: string }, to: { title: string; bodyMd: string }): DiffPart[] {
  return diffLines(comparable(from), comparable(to)).map((c) => ({ kind: c.added ? 'added' : c.removed ? 'removed' : 'same', text: c.value }));
}

export async function listArticleVersions(db: Db, workspaceId: string, articleId: string): Promise<ArticleVersionDto[]> {
  await findArticle(db, workspaceId, articleId);
  const rows = await db
    .selectFrom('articleVersions')
    .select(['version', 'title', 'authorId', 'createdAt'])
    .where('workspaceId', '=', workspaceId)
    .where('articleId', '=', articleId)
    .orderBy('version', 'desc')
    .execute();
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

async function findVersion(db: Db, workspaceId: string, articleId: string, version: number) {
  const row = await db
    .selectFrom('articleVersions')
    .select(['version', 'title', 'bodyMd', 'authorId', 'createdAt'])
    .where('workspaceId', '=', workspaceId)
    .where('articleId', '=', articleId)
    .where('version', '=', version)
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', `Version ${version} of this article not found.`);
  return row;
}

export async function getArticleVersion(db: Db, workspaceId: string, articleId: string, version: number): Promise<ArticleVersionDetailDto> {
  const current = await findArticle(db, workspaceId, articleId);
  const row = await findVersion(db, workspaceId, articleId, version);
  return { ...row, createdAt: row.createdAt.toISOString(), diff: diffVersions(row, current) };
}

/** The old text comes back as a new version; the history in between stays. */
export async function restoreArticleVersion(db: Kysely<Database>, workspaceId: string, articleId: string, version: number, editor: Editor): Promise<ArticleDto> {
  return db.transaction().execute(async (trx) => {
    const row = await findVersion(trx, workspaceId, articleId, version);
    return applyArticlePatch(trx, workspaceId, articleId, editor, { title: row.title, bodyMd: row.bodyMd });
  });
}
