import { AppError } from '../domain/errors.js';
import { compileQuery } from '../listening/index.js';
import { heardBy } from './listening-series.js';
import type { Db } from './schema.js';

export interface ListeningQueryInput {
  name: string;
  query: string;
  labels?: string[];
  ownerTeam?: string;
  brand?: string | null;
}

const QUERY_COLUMNS = ['id', 'name', 'query', 'labels', 'ownerTeam', 'brand', 'createdAt'] as const;

export async function listListeningQueries(db: Db, workspaceId: string) {
  return db.selectFrom('listeningQueries').select(QUERY_COLUMNS).where('workspaceId', '=', workspaceId).orderBy('name').execute();
}

/** Stores a query only if it parses; the parser's error names the position and what was expected. */
export async function createListeningQuery(db: Db, workspaceId: string, input: ListeningQueryInput) {
  compileQuery('check', input.query);
  const row = await db
    .insertInto('listeningQueries')
    .values({ workspaceId, name: input.name, query: input.query, brand: input.brand ?? null, ...(input.labels && { labels: input.labels }), ...(input.ownerTeam && { ownerTeam: input.ownerTeam }) })
    .onConflict((oc) => oc.columns(['workspaceId', 'name']).doNothing())
    .returning(QUERY_COLUMNS)
    .executeTakeFirst();
  if (!row) throw new AppError('conflict', `A listening query named "${input.name}" exists already.`, { field: 'name' });
  return row;
}

export async function updateListeningQuery(db: Db, workspaceId: string, id: string, patch: Partial<ListeningQueryInput>) {
  if (patch.query !== undefined) compileQuery('check', patch.query);
  // An empty change answers with the query as it is (or 404): UPDATE needs something to set.
  const row =
    Object.keys(patch).length === 0
      ? await db.selectFrom('listeningQueries').select(QUERY_COLUMNS).where('workspaceId', '=', workspaceId).where('id', '=', id).executeTakeFirst()
      : await db.updateTable('listeningQueries').set(patch).where('workspaceId', '=', workspaceId).where('id', '=', id).returning(QUERY_COLUMNS).executeTakeFirst();
  if (!row) throw new AppError('not_found', 'Listening query not found.');
  return row;
}

export async function deleteListeningQuery(db: Db, workspaceId: string, id: string): Promise<void> {
  const res = await db.deleteFrom('listeningQueries').where('workspaceId', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw new AppError('not_found', 'Listening query not found.');
}

export interface MentionInput {
  source: string;
  externalId: string;
  queryIds: string[];
  text: string;
  author?: string | null;
  reach?: number | null;
  url?: string | null;
  language?: string | null;
  sentiment?: string | null;
  postedAt?: Date;
  messageId?: string | null;
  contactId?: string | null;
}

/** Stores a matched public post once, however often it is delivered. */
export async function recordMention(db: Db, workspaceId: string, m: MentionInput): Promise<string | null> {
  const row = await db
    .insertInto('mentions')
    .values({
      workspaceId,
      source: m.source,
      externalId: m.externalId,
      queryIds: m.queryIds,
      text: m.text,
      author: m.author ?? null,
      reach: m.reach ?? null,
      url: m.url ?? null,
      language: m.language ?? null,
      sentiment: m.sentiment ?? null,
      messageId: m.messageId ?? null,
      contactId: m.contactId ?? null,
      ...(m.postedAt && { postedAt: m.postedAt }),
    })
    .onConflict((oc) => oc.columns(['workspaceId', 'source', 'externalId']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function listMentions(db: Db, workspaceId: string, filter: { queryIds?: string[]; contactId?: string; limit: number }) {
  let q = db
    .selectFrom('mentions')
    .select(['id', 'source', 'externalId', 'queryIds', 'messageId', 'contactId', 'author', 'reach', 'url', 'text', 'language', 'sentiment', 'postedAt', 'createdAt'])
    .where('workspaceId', '=', workspaceId);
  if (filter.queryIds) q = q.where(heardBy(filter.queryIds));
  if (filter.contactId) q = q.where('contactId', '=', filter.contactId);
  return q.orderBy('createdAt', 'desc').limit(filter.limit).execute();
}
