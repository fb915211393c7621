import { AppError } from '../domain/errors.js';
import type { Db } from './schema.js';

export interface CannedResponseDto {
  id: string;
  title: string;
  body: string;
  createdAt: string;
}

const COLUMNS = ['id', 'title', 'body', 'createdAt'] as const;

function toDto(r: { id: string; title: string; body: string; createdAt: Date }): CannedResponseDto {
  return { id: r.id, title: r.title, body: r.body, createdAt: r.createdAt.toISOString() };
}

export async function listCannedResponses(db: Db, workspaceId: string): Promise<CannedResponseDto[]> {
  const rows = await db.selectFrom('cannedResponses').select(COLUMNS).where('workspaceId', '=', workspaceId).orderBy('title').execute();
  return rows.map(toDto);
}

export async function createCannedResponse(db: Db, workspaceId: string, input: { title: string; body: string; createdBy: string | null }): Promise<CannedResponseDto> {
  const row = await db
    .insertInto('cannedResponses')
    .values({ workspaceId, ...input })
    .onConflict((oc) => oc.columns(['workspaceId', 'title']).doNothing())
    .returning(COLUMNS)
    .executeTakeFirst();
  if (!row) throw new AppError('conflict', `A canned response titled "${input.title}" exists already.`, { field: 'title' });
  return toDto(row);
}

export async function updateCannedResponse(db: Db, workspaceId: string, id: string, patch: { title?: string; body?: string }): Promise<CannedResponseDto> {
  // An empty change answers with the response as it is (or 404): UPDATE needs something to set.
  const row =
    patch.title === undefined && patch.body === undefined
      ? await db.selectFrom('cannedResponses').select(COLUMNS).where('workspaceId', '=', workspaceId).where('id', '=', id).executeTakeFirst()
      : await db.updateTable('cannedResponses').set(patch).where('workspaceId', '=', workspaceId).where('id', '=', id).returning(COLUMNS).executeTakeFirst();
  if (!row) throw new AppError('not_found', 'Canned response not found.');
  return toDto(row);
}

export async function deleteCannedResponse(db: Db, workspaceId: string, id: string): Promise<void> {
  const res = await db.deleteFrom('cannedResponses').where('workspaceId', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw new AppError('not_found', 'Canned response not found.');
}
