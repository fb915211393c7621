import { z } from 'zod';
import type { Db } from '../db/schema.js';
import { AppError } from '../domain/errors.js';
import { CATEGORIES } from '../nlp/labels.js';

const Department = z.string().trim().toLowerCase().min(1).max(40);
const Rating = z.number().int().min(1).max(5);

export const OwnershipRuleSchema = z
  .object({
    minRating: Rating.default(1),
    maxRating: Rating.default(5),
    product: z.string().trim().min(1).max(200).nullable().default(null),
    category: z.enum(CATEGORIES).nullable().default(null),
    brandId: z.uuid().nullable().default(null),
    /** The department that answers the reviews this rule matches (a team's kind: service, marketing, sales …). */
    department: Department,
    /** A department whose member must approve a draft before it is published; null publishes without approval. */
    approvalDepartment: Department.nullable().default(null),
  })
  .strict()
  .refine((r) => r.minRating <= r.maxRating, { message: 'minRating must not exceed maxRating', path: ['maxRating'] });

export type OwnershipRuleInput = z.infer<typeof OwnershipRuleSchema>;

export interface OwnershipRule extends OwnershipRuleInput {
  id: string;
  position: number;
}

const COLUMNS = ['id', 'position', 'minRating', 'maxRating', 'product', 'category', 'brandId', 'department', 'approvalDepartment'] as const;

export async function listOwnershipRules(db: Db, workspaceId: string): Promise<OwnershipRule[]> {
  const rows = await db.selectFrom('reviewOwnershipRules').select(COLUMNS).where('workspaceId', '=', workspaceId).orderBy('position').orderBy('createdAt').execute();
  return rows.map((r) => ({ ...r, category: r.category as OwnershipRule['category'] }));
}

async function assertBrands(db: Db, workspaceId: string, rules: OwnershipRuleInput[]): Promise<void> {
  const brandIds = [...new Set(rules.flatMap((r) => (r.brandId ? [r.brandId] : [])))];
  if (brandIds.length === 0) return;
  const found = await db.selectFrom('brands').select('id').where('workspaceId', '=', workspaceId).where('id', 'in', brandIds).execute();
  if (found.length !== brandIds.length) throw new AppError('not_found', 'A rule names a brand this workspace does not have.', { field: 'brandId' });
}

/** Replaces the whole matrix in the given order: rules are read top to bottom, so order is part of the data. */
export async function replaceOwnershipRules(db: Db, workspaceId: string, rules: OwnershipRuleInput[]): Promise<OwnershipRule[]> {
  await assertBrands(db, workspaceId, rules);
  await db.deleteFrom('reviewOwnershipRules').where('workspaceId', '=', workspaceId).execute();
  if (rules.length > 0) await db.insertInto('reviewOwnershipRules').values(rules.map((r, position) => ({ workspaceId, position, ...r }))).execute();
  return listOwnershipRules(db, workspaceId);
}

export async function appendOwnershipRule(db: Db, workspaceId: string, rule: OwnershipRuleInput): Promise<OwnershipRule> {
  await assertBrands(db, workspaceId, [rule]);
  const last = await db.selectFrom('reviewOwnershipRules').select((eb) => eb.fn.max('position').as('position')).where('workspaceId', '=', workspaceId).executeTakeFirst();
  const row = await db
    .insertInto('reviewOwnershipRules')
    .values({ workspaceId, position: (last?.position ?? -1) + 1, ...rule })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
  return { ...row, category: row.category as OwnershipRule['category'] };
}

export async function deleteOwnershipRule(db: Db, workspaceId: string, id: string): Promise<void> {
  const res = await db.deleteFrom('reviewOwnershipRules').where('workspaceId', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw new AppError('not_found', 'Ownership rule not found.');
}
