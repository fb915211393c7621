import { type Kysely, sql } from 'kysely';
import { lockConversation } from '../db/conversations.js';
import { type Actor, recordHistory } from '../db/history.js';
import type { MessageDto } from '../db/messages.js';
import { enqueueEvents } from '../db/outbox.js';
import type { Database, Db, ReviewDraftStatus } from '../db/schema.js';
import { AppError } from '../domain/errors.js';
import { storeOutgoing } from '../pipeline/send-message.js';
import { userDepartments } from './departments.js';
import { getReview } from './find-reviews.js';
import { assertNoPersonalData } from './reply-personal-data.js';

/** Who acts: approving needs a person, since approval is a department member's judgement. */
export interface Caller {
  actor: Actor;
  userId: string | null;
}

export interface ReviewDraftDto {
  text: string;
  status: ReviewDraftStatus;
  approvalDepartment: string | null;
  draftedBy: string | null;
  approvedBy: string | null;
  rejectionReason: string | null;
  messageId: string | null;
  updatedAt: string;
}

const COLUMNS = ['text', 'status', 'approvalDepartment', 'draftedBy', 'approvedBy', 'rejectionReason', 'messageId', 'updatedAt'] as const;

type DraftRow = Omit<ReviewDraftDto, 'updatedAt'> & { updatedAt: Date };
const toDto = (r: DraftRow): ReviewDraftDto => ({ ...r, updatedAt: r.updatedAt.toISOString() });

export async function findDraft(db: Db, workspaceId: string, conversationId: string): Promise<ReviewDraftDto | null> {
  const row = await db.selectFrom('reviewDrafts').select(COLUMNS).where('workspaceId', '=', workspaceId).where('conversationId', '=', conversationId).executeTakeFirst();
  return row ? toDto(row) : null;
}

async function requireDraft(db: Db, workspaceId: string, conversationId: string): Promise<ReviewDraftDto> {
  const draft = await findDraft(db, workspaceId, conversationId);
  if (!draft) throw new AppError('conflict', 'This review has no reply draft yet.', { reason: 'no_draft' });
  return draft;
}

/** Every step is announced, so the review inbox of everyone else follows it live. */
async function recordStep(trx: Db, workspaceId: string, conversationId: string, caller: Caller, type: string, data: Record<string, unknown>, draft: ReviewDraftDto): Promise<void> {
  await recordHistory(trx, workspaceId, conversationId, caller.actor, type, data);
  await enqueueEvents(trx, [{ type: 'review.updated', workspaceId, data: { conversationId, status: draft.status, step: type } }]);
}

/** Locks the review's conversation so drafting, approving and publishing one review happen one at a time. */
async function lockReview(trx: Db, workspaceId: string, conversationId: string) {
  await lockConversation(trx, workspaceId, conversationId);
  return getReview(trx, workspaceId, conversationId);
}

async function update(trx: Db, workspaceId: string, conversationId: string, patch: Partial<Omit<DraftRow, 'updatedAt'>>): Promise<ReviewDraftDto> {
  const row = await trx
    .updateTable('reviewDrafts')
    .set({ ...patch, updatedAt: sql<Date>`now()` })
    .where('workspaceId', '=', workspaceId)
    .where('conversationId', '=', conversationId)
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
  return toDto(row);
}

/**
 * Writes the review's reply draft (replacing an earlier one, whose approval then no longer counts).
 * Where the ownership matrix asks for approval, the draft waits for it.
 */
export async function saveDraft(db: Kysely<Database>, workspaceId: string, conversationId: string, caller: Caller, text: string): Promise<ReviewDraftDto> {
  return db.transaction().execute(async (trx) => {
    const review = await lockReview(trx, workspaceId, conversationId);
    if (review.responseStatus === 'published') throw new AppError('conflict', 'This review has been answered already.', { reason: 'already_published' });
    await assertNoPersonalData(trx, workspaceId, conversationId, text);
    const values = { text, status: review.approvalDepartment ? ('awaiting_approval' as const) : ('draft' as const), approvalDepartment: review.approvalDepartment, draftedBy: caller.userId, approvedBy: null, rejectionReason: null, messageId: null };
    const row = await trx
      .insertInto('reviewDrafts')
      .values({ workspaceId, conversationId, ...values })
      .onConflict((oc) => oc.column('conversationId').doUpdateSet({ ...values, updatedAt: sql<Date>`now()` }))
      .returning(COLUMNS)
      .executeTakeFirstOrThrow();
    const draft = toDto(row);
    await recordStep(trx, workspaceId, conversationId, caller, 'review.drafted', { ownerDepartment: review.ownerDepartment, approvalDepartment: review.approvalDepartment }, draft);
    return draft;
  });
}

/** Only a member of the department the draft waits for, other than its author, decides on it. */
async function assertMayDecide(trx: Db, workspaceId: string, draft: ReviewDraftDto, caller: Caller): Promise<string> {
  if (draft.status !== 'awaiting_approval' || !draft.approvalDepartment) {
    throw new AppError('conflict', 'This draft is not waiting for approval.', { reason: 'not_awaiting_approval', status: draft.status });
  }
  const department = draft.approvalDepartment;
  if (!caller.userId) throw new AppError('forbidden', `Approving needs a logged-in member of ${department}, not an API token.`, { reason: 'not_in_department', approvalDepartment: department });
  if (!(await userDepartments(trx, workspaceId, caller.userId)).includes(department)) {
    throw new AppError('forbidden', `Only a member of a ${department} team may decide on this draft.`, { reason: 'not_in_department', approvalDepartment: department });
  }
  if (draft.draftedBy === caller.userId) throw new AppError('forbidden', 'A draft is approved by someone other than its author.', { reason: 'own_draft' });
  return department;
}

export async function approveDraft(db: Kysely<Database>, workspaceId: string, conversationId: string, caller: Caller): Promise<ReviewDraftDto> {
  return db.transaction().execute(async (trx) => {
    await lockReview(trx, workspaceId, conversationId);
    const department = await assertMayDecide(trx, workspaceId, await requireDraft(trx, workspaceId, conversationId), caller);
    const draft = await update(trx, workspaceId, conversationId, { status: 'approved', approvedBy: caller.userId });
    await recordStep(trx, workspaceId, conversationId, caller, 'review.approved', { department }, draft);
    return draft;
  });
}

export async function rejectDraft(db: Kysely<Database>, workspaceId: string, conversationId: string, caller: Caller, reason: string): Promise<ReviewDraftDto> {
  return db.transaction().execute(async (trx) => {
    await lockReview(trx, workspaceId, conversationId);
    const department = await assertMayDecide(trx, workspaceId, await requireDraft(trx, workspaceId, conversationId), caller);
    const draft = await update(trx, workspaceId, conversationId, { status: 'rejected', rejectionReason: reason });
    await recordStep(trx, workspaceId, conversationId, caller, 'review.rejected', { department, reason }, draft);
    return draft;
  });
}

/**
 * Sends the draft as the public reply through the normal outbound path (stored, then delivered by
 * the portal's adapter). A draft that needs approval is only published once approved.
 */
export async function publishDraft(db: Kysely<Database>, workspaceId: string, conversationId: string, caller: Caller): Promise<{ draft: ReviewDraftDto; message: MessageDto }> {
  return db.transaction().execute(async (trx) => {
    const review = await lockReview(trx, workspaceId, conversationId);
    const current = await requireDraft(trx, workspaceId, conversationId);
    if (review.responseStatus === 'published') throw new AppError('conflict', 'This review has been answered already.', { reason: 'already_published' });
    const required = current.approvalDepartment ?? review.approvalDepartment;
    if (required && current.status !== 'approved') {
      throw new AppError('conflict', `This reply needs the approval of ${required} before it is published.`, { reason: 'approval_required', approvalDepartment: required });
    }
    await assertNoPersonalData(trx, workspaceId, conversationId, current.text);
    const message = await storeOutgoing(trx, workspaceId, conversationId, caller.actor, { text: current.text, type: 'reply', visibility: 'public', approvedReviewDraft: true });
    const draft = await update(trx, workspaceId, conversationId, { status: 'published', messageId: message.id });
    await recordStep(trx, workspaceId, conversationId, caller, 'review.published', { messageId: message.id }, draft);
    return { draft, message };
  });
}
