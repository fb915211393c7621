import { AppError } from '../domain/errors.js';
import type { Db } from './schema.js';

export async function listTeams(db: Db, workspaceId: string) {
  const teams = await db.selectFrom('teams').selectAll().where('workspaceId', '=', workspaceId).orderBy('name').execute();
  const members = await db
    .selectFrom('teamMembers')
    .innerJoin('teams', 'teams.id', 'teamMembers.teamId')
    .select(['teamMembers.teamId', 'teamMembers.userId'])
    .where('teams.workspaceId', '=', workspaceId)
    .execute();
  return teams.map((t) => ({ id: t.id, name: t.name, kind: t.kind, memberIds: members.filter((m) => m.teamId === t.id).map((m) => m.userId), createdAt: t.createdAt.toISOString() }));
}

export async function createTeam(db: Db, workspaceId: string, input: { name: string; kind?: string; memberIds?: string[] }) {
  const team = await db
    .insertInto('teams')
    .values({ workspaceId, name: input.name, ...(input.kind && { kind: input.kind }) })
    .onConflict((oc) => oc.columns(['workspaceId', 'name']).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!team) throw new AppError('conflict', `A team named "${input.name}" exists already.`, { field: 'name' });
  await setTeamMembers(db, workspaceId, team.id, input.memberIds ?? []);
  return team;
}

export async function setTeamMembers(db: Db, workspaceId: string, teamId: string, userIds: string[]): Promise<void> {
  if (userIds.length > 0) {
    const found = await db.selectFrom('users').select('id').where('workspaceId', '=', workspaceId).where('id', 'in', userIds).execute();
    if (found.length !== new Set(userIds).size) throw new AppError('not_found', 'A team member is not a user of this workspace.', { field: 'memberIds' });
  }
  await db.deleteFrom('teamMembers').where('teamId', '=', teamId).execute();
  if (userIds.length > 0) await db.insertInto('teamMembers').values([...new Set(userIds)].map((userId) => ({ teamId, userId }))).execute();
}

export async function getTeam(db: Db, workspaceId: string, id: string) {
  const team = await db.selectFrom('teams').selectAll().where('workspaceId', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  if (!team) throw new AppError('not_found', 'Team not found.');
  return team;
}

export async function updateTeam(db: Db, workspaceId: string, id: string, patch: { name?: string; kind?: string; memberIds?: string[] }) {
  await getTeam(db, workspaceId, id);
  if (patch.name !== undefined || patch.kind !== undefined) {
    await db
      .updateTable('teams')
      .set({ ...(patch.name !== undefined && { name: patch.name }), ...(patch.kind !== undefined && { kind: patch.kind }) })
      .where('id', '=', id)
      .execute();
  }
  if (patch.memberIds) await setTeamMembers(db, workspaceId, id, patch.memberIds);
  return getTeam(db, workspaceId, id);
}

export async function deleteTeam(db: Db, workspaceId: string, id: string): Promise<void> {
  const res = await db.deleteFrom('teams').where('workspaceId', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw new AppError('not_found', 'Team not found.');
}
