import { AppError } from '../domain/errors.js';
import type { Db } from './schema.js';

export async function listLabels(db: Db, workspaceId: string) {
  return db.selectFrom('labels').select(['id', 'name', 'color', 'createdAt']).where('workspaceId', '=', workspaceId).orderBy('name').execute();
}

export async function createLabel(db: Db, workspaceId: string, input: { name: string; color?: string }) {
  const row = await db
    .insertInto('labels')
    .values({ workspaceId, name: input.name, ...(input.color && { color: input.color }) })
    .onConflict((oc) => oc.columns(['workspaceId', 'name']).doNothing())
    .returning(['id', 'name', 'color', 'createdAt'])
    .executeTakeFirst();
  if (!row) throw new AppError('conflict', `A label named "${input.name}" exists already.`, { field: 'name' });
  return row;
}

export async function deleteLabel(db: Db, workspaceId: string, id: string): Promise<void> {
  const res = await db.deleteFrom('labels').where('workspaceId', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw new AppError('not_found', 'Label not found.');
}

export async function getLabel(db: Db, workspaceId: string, id: string) {
  const row = await db.selectFrom('labels').select(['id', 'name']).where('workspaceId', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('not_found', 'Label not found.');
  return row;
}
