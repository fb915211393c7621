import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../../db/audit-log.js';
import { getUser } from '../../db/users.js';
import { CATEGORIES, SENTIMENTS } from '../../nlp/labels.js';
import { findReviews, REVIEW_CHANNEL_TYPES } from '../../reviews/find-reviews.js';
import { suggestReply } from '../../reviews/reply-templates.js';
import { getReviewDetail } from '../../reviews/review-detail.js';
import { approveDraft, type Caller, publishDraft, rejectDraft, saveDraft } from '../../reviews/review-drafts.js';
import { reviewReport } from '../../reviews/review-report.js';
import { actorOf, type Auth, requireAuth } from '../auth.js';
import type { ApiContext } from '../context.js';
import { Limit } from '../schemas.js';

const Rating = z.coerce.number().int().min(1).max(5);
const Bool = z.enum(['true', 'false']).transform((v) => v === 'true');

const ListReviews = z
  .object({
    channelId: z.uuid().optional(),
    portal: z.enum(REVIEW_CHANNEL_TYPES).optional(),
    minRating: Rating.optional(),
    maxRating: Rating.optional(),
    sentiment: z.enum(SENTIMENTS).optional(),
    language: z.string().regex(/^[a-z]{2,3}$/).optional(),
    category: z.enum(CATEGORIES).optional(),
    product: z.string().trim().min(1).max(200).optional(),
    brandId: z.uuid().optional(),
    responded: Bool.optional(),
    overdue: Bool.optional(),
    ownerDepartment: z.string().trim().min(1).max(40).optional(),
    responseStatus: z.enum(['unanswered', 'draft', 'awaiting_approval', 'approved', 'rejected', 'published']).optional(),
    limit: Limit,
    cursor: z.string().max(500).optional(),
  })
  .strict();

const ReviewParams = z.object({ conversationId: z.uuid() }).strict();
const SuggestionQuery = z.object({ templateId: z.uuid().optional() }).strict();
const DraftBody = z.object({ text: z.string().trim().min(1).max(5000) }).strict();
const RejectBody = z.object({ reason: z.string().trim().min(1).max(2000) }).strict();
const ReportQuery = z
  .object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }), bucket: z.enum(['day', 'week', 'month']).default('week') })
  .strict()
  .refine((q) => Date.parse(q.from) < Date.parse(q.to), { message: 'from must be before to', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 2 * 366 * 86_400_000, { message: 'at most two years at a time', path: ['to'] });

const callerOf = (auth: Auth): Caller => ({ actor: actorOf(auth), userId: auth.userId });

/** The review inbox: every portal's reviews, their reply drafts with approval, suggestions and the report. */
export function reviewRoutes(ctx: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/reviews', { schema: { tags: ['reviews'], querystring: ListReviews } }, async (req) => {
      const auth = requireAuth(req);
      return findReviews(ctx.db, auth.workspaceId, req.query);
    });

    app.get('/reviews/:conversationId', { schema: { tags: ['reviews'], params: ReviewParams } }, async (req) => {
      const auth = requireAuth(req);
      const detail = await getReviewDetail(ctx.db, auth.workspaceId, req.params.conversationId, { ...callerOf(auth), role: auth.role });
      // The reviewer's name and words are personal data, viewed here as in the conversation view.
      await recordAudit(ctx.db, auth.workspaceId, actorOf(auth), { action: 'conversation.viewed', targetType: 'conversation', targetId: detail.conversationId, metadata: { via: 'reviews' } });
      return detail;
    });

    app.get('/reviews/:conversationId/reply-suggestion', { schema: { tags: ['reviews'], params: ReviewParams, querystring: SuggestionQuery } }, async (req) => {
      const auth = requireAuth(req, 'agent');
      const agentName = auth.userId ? (await getUser(ctx.db, auth.workspaceId, auth.userId)).name : null;
      return suggestReply(ctx.db, auth.workspaceId, req.params.conversationId, agentName, req.query.templateId);
    });

    app.post('/reviews/:conversationId/drafts', { schema: { tags: ['reviews'], params: ReviewParams, body: DraftBody } }, async (req, reply) => {
      const auth = requireAuth(req, 'agent');
      const draft = await saveDraft(ctx.db, auth.workspaceId, req.params.conversationId, callerOf(auth), req.body.text);
      ctx.afterCommit();
      return reply.code(201).send(draft);
    });

    app.post('/reviews/:conversationId/approve', { schema: { tags: ['reviews'], params: ReviewParams } }, async (req) => {
      const auth = requireAuth(req, 'agent');
      const draft = await approveDraft(ctx.db, auth.workspaceId, req.params.conversationId, callerOf(auth));
      ctx.afterCommit();
      return draft;
    });

    app.post('/reviews/:conversationId/reject', { schema: { tags: ['reviews'], params: ReviewParams, body: RejectBody } }, async (req) => {
      const auth = requireAuth(req, 'agent');
      const draft = await rejectDraft(ctx.db, auth.workspaceId, req.params.conversationId, callerOf(auth), req.body.reason);
      ctx.afterCommit();
      return draft;
    });

    app.post('/reviews/:conversationId/publish', { schema: { tags: ['reviews'], params: ReviewParams } }, async (req) => {
      const auth = requireAuth(req, 'agent');
      const published = await publishDraft(ctx.db, auth.workspaceId, req.params.conversationId, callerOf(auth));
      ctx.afterCommit();
      return published;
    });

    app.get('/reports/reviews', { schema: { tags: ['reviews'], querystring: ReportQuery } }, async (req) => {
      const auth = requireAuth(req);
      return reviewReport(ctx.db, auth.workspaceId, { from: new Date(req.query.from), to: new Date(req.query.to), bucket: req.query.bucket });
    });
  };
}
