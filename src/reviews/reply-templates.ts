import { z } from 'zod';
import type { Db } from '../db/schema.js';
import { AppError } from '../domain/errors.js';
import { fillReplyTemplate, pickReplyTemplate, REVIEW_TEMPLATE_VARIABLES } from '../domain/review-reply-template.js';
import { assertTemplateVariables } from '../domain/template.js';
import { CATEGORIES } from '../nlp/labels.js';
import { getReview } from './find-reviews.js';

const Rating = z.number().int().min(1).max(5);

export const ReplyTemplateSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    language: z.enum(['de', 'en']),
    minRating: Rating,
    maxRating: Rating,
    category: z.enum(CATEGORIES).nullable().default(null),
    body: z.string().trim().min(1).max(5000),
  })
  .strict();

export const ReplyTemplatePatchSchema = ReplyTemplateSchema.partial().strict();

export type ReplyTemplateInput = z.infer<typeof ReplyTemplateSchema>;

export interface ReplyTemplateDto extends ReplyTemplateInput {
  id: string;
}

const COLUMNS = ['id', 'name', 'language', 'minRating', 'maxRating', 'category', 'body'] as const;
type Row = { id: string; name: string; language: 'de' | 'en'; minRating: number; maxRating: number; category: string | null; body: string };
const toDto = (r: Row): ReplyTemplateDto => ({ ...r, category: r.category as ReplyTemplateDto['category'] });

function assertValid(t: ReplyTemplateInput): void {
  if (t.minRating > t.maxRating) throw new AppError('invalid', 'minRating must not exceed maxRating.', { field: 'maxRating' });
  assertTemplateVariables(t.body, REVIEW_TEMPLATE_VARIABLES);
}

function duplicateName(name: string): AppError {
  return new AppError('conflict', `A reply template named "${name}" exists already.`, { field: 'name' });
}

export async function listReplyTemplates(db: Db, workspaceId: string): Promise<ReplyTemplateDto[]> {
  const rows = await db.selectFrom('reviewReplyTemplates').select(COLUMNS).where('workspaceId', '=', workspaceId).orderBy('language').orderBy('minRating').orderBy('name').execute();
  return rows.map(toDto);
}

export async function createReplyTemplate(db: Db, workspaceId: string, input: ReplyTemplateInput): Promise<ReplyTemplateDto> {
  assertValid(input);
  const row = await db
    .insertInto('reviewReplyTemplates')
    .values({ workspaceId, ...input })
    .onConflict((oc) => oc.columns(['workspaceId', 'name']).doNothing())
    .returning(COLUMNS)
    .executeTakeFirst();
  if (!row) throw duplicateName(input.name);
  return toDto(row);
}

export async function updateReplyTemplate(db: Db, workspaceId: string, id: string, patch: Partial<ReplyTemplateInput>): Promise<ReplyTemplateDto> {
  const current = await db.selectFrom('reviewReplyTemplates').select(COLUMNS).where('workspaceId', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  if (!current) throw new AppError('not_found', 'Reply template not found.');
  const next = { ...toDto(current), ...patch };
  assertValid(next);
  if (next.name !== current.name) {
    const taken = await db.selectFrom('reviewReplyTemplates').select('id').where('workspaceId', '=', workspaceId).where('name', '=', next.name).executeTakeFirst();
    if (taken) throw duplicateName(next.name);
  }
  const { id: _id, ...values } = next;
  const row = await db.updateTable('reviewReplyTemplates').set(values).where('workspaceId', '=', workspaceId).where('id', '=', id).returning(COLUMNS).executeTakeFirstOrThrow();
  return toDto(row);
}

export async function deleteReplyTemplate(db: Db, workspaceId: string, id: string): Promise<void> {
  const res = await db.deleteFrom('reviewReplyTemplates').where('workspaceId', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw new AppError('not_found', 'Reply template not found.');
}

/** The best template for a review (or the one the agent picked), filled with what is known about it; null when none fits. */
export async function suggestReply(db: Db, workspaceId: string, conversationId: string, agentName: string | null, templateId?: string) {
  const review = await getReview(db, workspaceId, conversationId);
  const [templates, workspace] = await Promise.all([
    listReplyTemplates(db, workspaceId),
    db.selectFrom('workspaces').select('locale').where('id', '=', workspaceId).executeTakeFirstOrThrow(),
  ]);
  const facts = { rating: review.rating, category: review.category, language: review.language, author: review.author, product: review.product, portal: review.portal, brand: review.brand };
  const template = templateId ? templates.find((t) => t.id === templateId) : pickReplyTemplate(templates, facts, workspace.locale.startsWith('en') ? 'en' : 'de');
  if (template === undefined) throw new AppError('not_found', 'Reply template not found.', { field: 'templateId' });
  return { template, text: template ? fillReplyTemplate(template.body, facts, agentName) : null };
}
