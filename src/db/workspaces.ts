import { AppError } from '../domain/errors.js';
import type { Db, Workspace } from './schema.js';

export async function createWorkspace(db: Db, input: { slug: string; name: string; locale?: string }): Promise<Workspace> {
  if (!/^[a-z0-9][a-z0-9-]{1,62}$/.test(input.slug)) {
    throw new AppError('invalid', 'The slug must be 2–63 lowercase letters, digits or hyphens.', { field: 'slug' });
  }
  const row = await db
    .insertInto('workspaces')
    .values({ slug: input.slug, name: input.name, ...(input.locale && { locale: input.locale }) })
    .onConflict((oc) => oc.column('slug').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new AppError('conflict', `A workspace with the slug "${input.slug}" exists already.`, { field: 'slug' });
  return row;
}

export async function getWorkspaceBySlug(db: Db, slug: string): Promise<Workspace> {
  const row = await db.selectFrom('workspaces').selectAll().where('slug', '=', slug).executeTakeFirst();
  if (!row) throw new AppError('not_found', `No workspace with the slug "${slug}".`);
  return row;
}

export async function getWorkspace(db: Db, id: string): Promise<Workspace> {
  const row = await db.selectFrom('workspaces').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('not_found', 'Workspace not found.');
  return row;
}
