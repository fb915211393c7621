import { AppError } from '../domain/errors.js';
import type { Db } from './schema.js';
import { isUniqueViolation } from './unique-violation.js';

export interface KbCategoryDto {
  id: string;
  slug: string;
  nameDe: string;
  nameEn: string;
  position: number;
}

const COLUMNS = ['id', 'slug', 'nameDe', 'nameEn', 'position'] as const;

export async function listKbCategories(db: Db, workspaceId: string): Promise<KbCategoryDto[]> {
  return db.selectFrom('kbCategories').select(COLUMNS).where('workspaceId', '=', workspaceId).orderBy('position').orderBy('slug').execute();
}

export async function getKbCategory(db: Db, workspaceId: string, id: string): Promise<KbCategoryDto> {
  const row = await db.selectFrom('kbCategories').select(COLUMNS).where('workspaceId', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('not_found', 'Category not found.');
  return row;
}

export async function createKbCategory(db: Db, workspaceId: string, input: Omit<KbCategoryDto, 'id' | 'position'> & { position?: number }): Promise<KbCategoryDto> {
  const row = await db
    .insertInto('kbCategories')
    .values({ workspaceId, ...input })
    .onConflict((oc) => oc.columns(['workspaceId', 'slug']).doNothing())
    .returning(COLUMNS)
    .executeTakeFirst();
  if (!row) throw new AppError('conflict', `A category with the slug "${input.slug}" exists already.`, { field: 'slug' });
  return row;
}

export async function updateKbCategory(db: Db, workspaceId: string, id: string, patch: Partial<Omit<KbCategoryDto, 'id'>>): Promise<KbCategoryDto> {
  if (Object.keys(patch).length === 0) return getKbCategory(db, workspaceId, id);
  const row = await db
    .updateTable('kbCategories')
    .set(patch)
    .where('workspaceId', '=', workspaceId)
    .where('id', '=', id)
    .returning(COLUMNS)
    .executeTakeFirst()
    .catch((err: unknown) => {
      if (isUniqueViolation(err)) throw new AppError('conflict', `A category with the slug "${patch.slug}" exists already.`, { field: 'slug' });
      throw err;
    });
  if (!row) throw new AppError('not_found', 'Category not found.');
  return row;
}

/** Its articles stay, without a category. */
export async function deleteKbCategory(db: Db, workspaceId: string, id: string): Promise<void> {
  const res = await db.deleteFrom('kbCategories').where('workspaceId', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw new AppError('not_found', 'Category not found.');
}
