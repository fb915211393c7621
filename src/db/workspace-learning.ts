import { sql } from 'kysely';
import { AppError } from '../domain/errors.js';
import { type Adaptation, type BrandProfile, type Correction, trainAdaptation } from '../nlp/index.js';
import { CATEGORIES, SENTIMENTS } from '../nlp/labels.js';
import type { Db } from './schema.js';

export type CorrectableField = Correction['field'];

export async function getBrandProfile(db: Db, workspaceId: string): Promise<BrandProfile> {
  const row = await db.selectFrom('workspaces').select('brandProfile').where('id', '=', workspaceId).executeTakeFirst();
  if (!row) throw new AppError('not_found', 'Workspace not found.');
  return row.brandProfile;
}

export async function setBrandProfile(db: Db, workspaceId: string, profile: BrandProfile): Promise<BrandProfile> {
  await db.updateTable('workspaces').set({ brandProfile: JSON.stringify(profile) }).where('id', '=', workspaceId).execute();
  return profile;
}

/**
 * An agent's correction of what the understanding said about a message. The message shows the
 * corrected label at once; the workspace's model learns it at the next training.
 */
export async function recordCorrection(db: Db, workspaceId: string, messageId: string, field: CorrectableField, label: string, userId: string | null): Promise<void> {
  const message = await db.selectFrom('messages').select(['id', 'direction']).where('workspaceId', '=', workspaceId).where('id', '=', messageId).executeTakeFirst();
  if (!message) throw new AppError('not_found', 'Message not found.');
  if (message.direction !== 'inbound') throw new AppError('invalid', 'Only customers’ messages carry labels to correct.', { field: 'messageId' });
  const allowed: readonly string[] = field === 'sentiment' ? SENTIMENTS : field === 'category' ? CATEGORIES : ['true', 'false'];
  if (!allowed.includes(label)) throw new AppError('invalid', `"${label}" is not a ${field} label; use one of ${allowed.join(', ')}.`, { field: 'label' });
  await db
    .insertInto('labelCorrections')
    .values({ workspaceId, messageId, field, label, userId })
    .onConflict((oc) => oc.columns(['messageId', 'field']).doUpdateSet({ label, userId, createdAt: sql<Date>`now()` }))
    .execute();
  if (field === 'sentiment' && (label === 'negative' || label === 'neutral' || label === 'positive')) {
    await db.updateTable('messages').set({ sentiment: label }).where('id', '=', messageId).execute();
  } else if (field === 'category') {
    await db.updateTable('messages').set({ category: label }).where('id', '=', messageId).execute();
  }
}

export interface TrainingResult {
  corrections: number;
  fields: CorrectableField[];
}

/** Trains the workspace's adaptation from all its corrections and its brand profile. */
export async function trainWorkspace(db: Db, workspaceId: string): Promise<TrainingResult> {
  const rows = await db
    .selectFrom('labelCorrections as lc')
    .innerJoin('messages as m', 'm.id', 'lc.messageId')
    .select(['m.text', 'lc.field', 'lc.label'])
    .where('lc.workspaceId', '=', workspaceId)
    .execute();
  const brand = await getBrandProfile(db, workspaceId);
  if (rows.length === 0) {
    await db.deleteFrom('workspaceModels').where('workspaceId', '=', workspaceId).execute();
    return { corrections: 0, fields: [] };
  }
  const adaptation = trainAdaptation(rows, { brand });
  await db
    .insertInto('workspaceModels')
    .values({ workspaceId, adaptation: JSON.stringify(adaptation), corrections: rows.length })
    .onConflict((oc) => oc.column('workspaceId').doUpdateSet({ adaptation: JSON.stringify(adaptation), corrections: rows.length, trainedAt: sql<Date>`now()` }))
    .execute();
  return { corrections: rows.length, fields: Object.keys(adaptation.fields).sort() as CorrectableField[] };
}

/** Workspaces with corrections newer than their last training: the scheduled job retrains these. */
export async function workspacesToRetrain(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('labelCorrections as lc')
    .leftJoin('workspaceModels as wm', 'wm.workspaceId', 'lc.workspaceId')
    .select('lc.workspaceId')
    .where((eb) => eb.or([eb('wm.trainedAt', 'is', null), eb('lc.createdAt', '>', eb.ref('wm.trainedAt'))]))
    .groupBy('lc.workspaceId')
    .execute();
  return rows.map((r) => r.workspaceId);
}

export async function loadWorkspaceUnderstanding(db: Db, workspaceId: string): Promise<{ brand: BrandProfile; adaptation: Adaptation | null }> {
  const brand = await getBrandProfile(db, workspaceId);
  const model = await db.selectFrom('workspaceModels').select('adaptation').where('workspaceId', '=', workspaceId).executeTakeFirst();
  return { brand, adaptation: model?.adaptation ?? null };
}
