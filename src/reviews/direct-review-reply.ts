import type { Db } from '../db/schema.js';
import { AppError } from '../domain/errors.js';
import { getReview, REVIEW_CHANNEL_TYPES } from './find-reviews.js';
import { assertNoPersonalData } from './reply-personal-data.js';

/**
 * No public reply bypasses a review's rules, whoever writes it (an agent, an automation rule): a
 * review whose reply needs approval is answered through its draft, and no review reply repeats
 * personal data.
 */
export async function assertDirectReviewReply(db: Db, workspaceId: string, conversationId: string, text: string): Promise<void> {
  const isReview = await db
    .selectFrom('conversations as c')
    .innerJoin('channels as ch', 'ch.id', 'c.channelId')
    .select('c.id')
    .where('c.workspaceId', '=', workspaceId)
    .where('c.id', '=', conversationId)
    .where('ch.type', 'in', REVIEW_CHANNEL_TYPES)
    .executeTakeFirst();
  if (!isReview) return;
  const review = await getReview(db, workspaceId, conversationId).catch(() => null);
  if (review?.approvalDepartment) {
    throw new AppError('conflict', `Replies to this review need the approval of ${review.approvalDepartment}: write a draft in the review inbox.`, { reason: 'approval_required', approvalDepartment: review.approvalDepartment });
  }
  await assertNoPersonalData(db, workspaceId, conversationId, text);
}
