import type { Db, Role } from '../db/schema.js';
import { userDepartments } from './departments.js';
import { getReview } from './find-reviews.js';
import { type Caller, findDraft } from './review-drafts.js';

/** One review with its draft, the steps taken on it and what the caller may do next. */
export async function getReviewDetail(db: Db, workspaceId: string, conversationId: string, caller: Caller & { role: Role }) {
  const review = await getReview(db, workspaceId, conversationId);
  const [draft, history, departments] = await Promise.all([
    findDraft(db, workspaceId, conversationId),
    db
      .selectFrom('conversationEvents as e')
      .leftJoin('users as u', (join) => join.onRef('u.id', '=', 'e.actorId').on('e.actorType', '=', 'user'))
      .select(['e.id', 'e.type', 'e.actorType', 'e.actorId', 'u.name as actorName', 'e.data', 'e.createdAt'])
      .where('e.workspaceId', '=', workspaceId)
      .where('e.conversationId', '=', conversationId)
      .where('e.type', 'like', 'review.%')
      .orderBy('e.id')
      .execute(),
    caller.userId ? userDepartments(db, workspaceId, caller.userId) : Promise.resolve([]),
  ]);
  const writer = caller.role !== 'viewer';
  const open = review.responseStatus !== 'published';
  const awaiting = draft?.status === 'awaiting_approval' && draft.approvalDepartment !== null;
  return {
    ...review,
    draft,
    history: history.map((h) => ({ ...h, createdAt: h.createdAt.toISOString() })),
    you: {
      departments,
      canDraft: writer && open,
      canDecide: writer && awaiting && departments.includes(draft.approvalDepartment ?? '') && draft.draftedBy !== caller.userId,
      canPublish: writer && open && (draft?.status === 'draft' || draft?.status === 'approved'),
    },
  };
}
