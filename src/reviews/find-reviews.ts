import { type RawBuilder, sql } from 'kysely';
import type { Db, ReviewDraftStatus, Sentiment } from '../db/schema.js';
import { encodeCursor, decodeCursor } from '../domain/cursor.js';
import { AppError } from '../domain/errors.js';
import type { ReviewResponseTargets } from '../domain/review-response-targets.js';
import { z } from 'zod';
import { listOwnershipRules, type OwnershipRule } from './ownership-rules.js';
import { getResponseTargets } from './review-settings.js';

/** The channel types whose conversations are reviews. */
export const REVIEW_CHANNEL_TYPES = ['trustpilot', 'google_reviews', 'review_import'] as const;

export type ResponseStatus = 'unanswered' | Exclude<ReviewDraftStatus, 'published'> | 'published';

export interface ReviewDto {
  conversationId: string;
  channelId: string;
  channelType: string;
  portal: string;
  rating: number;
  text: string;
  author: string | null;
  language: string | null;
  sentiment: Sentiment | null;
  category: string | null;
  product: string | null;
  brand: string | null;
  /** The place a review is about, where the portal reviews places (Google: the location's channel). */
  location: string | null;
  postedAt: string;
  ownerDepartment: string | null;
  approvalDepartment: string | null;
  responseStatus: ResponseStatus;
  respondedAt: string | null;
  timeToRespondSeconds: number | null;
  responseDueAt: string;
  overdue: boolean;
}

export interface ReviewFilters {
  channelId?: string;
  portal?: (typeof REVIEW_CHANNEL_TYPES)[number];
  minRating?: number;
  maxRating?: number;
  sentiment?: Sentiment;
  language?: string;
  category?: string;
  product?: string;
  brandId?: string;
  responded?: boolean;
  overdue?: boolean;
  ownerDepartment?: string;
  responseStatus?: ResponseStatus;
  limit?: number;
  cursor?: string;
}

const Cursor = z.object({ at: z.iso.datetime(), id: z.uuid() }).strict();

/** What the computed columns need: the matrix, the workspace's products and its response targets. */
export interface ReviewContext {
  rules: OwnershipRule[];
  products: string[];
  targets: ReviewResponseTargets;
}

export async function loadReviewContext(db: Db, workspaceId: string): Promise<ReviewContext> {
  const [rules, workspace, targets] = await Promise.all([
    listOwnershipRules(db, workspaceId),
    db.selectFrom('workspaces').select('brandProfile').where('id', '=', workspaceId).executeTakeFirst(),
    getResponseTargets(db, workspaceId),
  ]);
  return { rules, products: workspace?.brandProfile.products ?? [], targets };
}

const mentions = (needle: string) => sql<boolean>`strpos(lower(m.text), lower(${needle}::text)) > 0`;

function ruleMatches(rule: OwnershipRule): RawBuilder<boolean> {
  const parts = [sql`m.rating BETWEEN ${rule.minRating}::int AND ${rule.maxRating}::int`];
  if (rule.category) parts.push(sql`m.category = ${rule.category}::text`);
  if (rule.brandId) parts.push(sql`ch.brand_id = ${rule.brandId}::uuid`);
  if (rule.product) parts.push(mentions(rule.product));
  return sql<boolean>`(${sql.join(parts, sql` AND `)})`;
}

/** First matching rule wins: a CASE over the rules in order, so the database filters on the result. */
function firstRule(rules: OwnershipRule[], pick: (r: OwnershipRule) => string | null): RawBuilder<string | null> {
  if (rules.length === 0) return sql<string | null>`NULL::text`;
  return sql<string | null>`(CASE ${sql.join(rules.map((r) => sql`WHEN ${ruleMatches(r)} THEN ${pick(r)}::text`), sql` `)} END)`;
}

/** The review columns computed in SQL, shared by the list, one review and the report. */
export function reviewExpressions(ctx: ReviewContext) {
  // Milliseconds, as JavaScript and the cursor hold them, so paging neither skips nor repeats a review.
  const postedAt = sql<Date>`date_trunc('milliseconds', coalesce(m.sent_at, m.created_at))`;
  return {
    postedAt,
    portal: sql<string>`(CASE ch.type WHEN 'trustpilot' THEN 'Trustpilot' WHEN 'google_reviews' THEN 'Google' ELSE coalesce(nullif(ch.settings->>'portal', ''), ch.name) END)`,
    product: ctx.products.length === 0 ? sql<string | null>`NULL::text` : sql<string | null>`(CASE ${sql.join(ctx.products.map((p) => sql`WHEN ${mentions(p)} THEN ${p}::text`), sql` `)} END)`,
    ownerDepartment: firstRule(ctx.rules, (r) => r.department),
    approvalDepartment: firstRule(ctx.rules, (r) => r.approvalDepartment),
    responseDueAt: sql<Date>`(${postedAt} + (${ctx.targets.hoursByRating}::int[])[m.rating] * interval '1 hour')`,
    responseStatus: sql<ResponseStatus>`(CASE WHEN c.first_response_at IS NOT NULL THEN 'published' ELSE coalesce(d.status, 'unanswered') END)`,
  };
}

/** Review conversations with their rated message (the first, should a portal send an edit as a new one). */
export function selectReviewRows(db: Db, workspaceId: string) {
  return db
    .selectFrom('conversations as c')
    .innerJoin('channels as ch', 'ch.id', 'c.channelId')
    .innerJoinLateral(
      (eb) =>
        eb
          .selectFrom('messages')
          .select(['text', 'rating', 'language', 'sentiment', 'category', 'sentAt', 'createdAt'])
          .whereRef('messages.conversationId', '=', 'c.id')
          .where('direction', '=', 'inbound')
          .where('rating', 'is not', null)
          .orderBy('createdAt')
          .limit(1)
          .as('m'),
      (join) => join.onTrue(),
    )
    .leftJoin('reviewDrafts as d', 'd.conversationId', 'c.id')
    .leftJoin('contacts as ct', 'ct.id', 'c.contactId')
    .leftJoin('brands as b', 'b.id', 'ch.brandId')
    .where('c.workspaceId', '=', workspaceId)
    .where('ch.type', 'in', REVIEW_CHANNEL_TYPES);
}

function query(db: Db, workspaceId: string, ctx: ReviewContext) {
  const x = reviewExpressions(ctx);
  return selectReviewRows(db, workspaceId).select([
    'c.id as conversationId',
    'c.channelId',
    'ch.type as channelType',
    'ch.name as channelName',
    'm.text',
    'm.rating',
    'm.language',
    'm.sentiment',
    'm.category',
    'ct.name as author',
    'b.name as brand',
    'c.firstResponseAt',
    x.postedAt.as('postedAt'),
    x.portal.as('portal'),
    x.product.as('product'),
    x.ownerDepartment.as('ownerDepartment'),
    x.approvalDepartment.as('approvalDepartment'),
    x.responseDueAt.as('responseDueAt'),
    x.responseStatus.as('responseStatus'),
  ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof query>['executeTakeFirstOrThrow']>>;

function toDto(r: Row, now: Date): ReviewDto {
  const responded = r.firstResponseAt;
  return {
    conversationId: r.conversationId,
    channelId: r.channelId,
    channelType: r.channelType,
    portal: r.portal,
    rating: r.rating ?? 0,
    text: r.text,
    author: r.author,
    language: r.language,
    sentiment: r.sentiment,
    category: r.category,
    product: r.product,
    brand: r.brand,
    location: r.channelType === 'google_reviews' ? r.channelName : null,
    postedAt: r.postedAt.toISOString(),
    ownerDepartment: r.ownerDepartment,
    approvalDepartment: r.approvalDepartment,
    responseStatus: r.responseStatus,
    respondedAt: responded?.toISOString() ?? null,
    timeToRespondSeconds: responded ? Math.max(0, Math.round((responded.getTime() - r.postedAt.getTime()) / 1000)) : null,
    responseDueAt: r.responseDueAt.toISOString(),
    overdue: !responded && r.responseDueAt.getTime() < now.getTime(),
  };
}

export async function findReviews(db: Db, workspaceId: string, filters: ReviewFilters): Promise<{ items: ReviewDto[]; nextCursor: string | null }> {
  const ctx = await loadReviewContext(db, workspaceId);
  const x = reviewExpressions(ctx);
  const limit = filters.limit ?? 50;
  let q = query(db, workspaceId, ctx);
  if (filters.channelId) q = q.where('c.channelId', '=', filters.channelId);
  if (filters.portal) q = q.where('ch.type', '=', filters.portal);
  if (filters.minRating !== undefined) q = q.where('m.rating', '>=', filters.minRating);
  if (filters.maxRating !== undefined) q = q.where('m.rating', '<=', filters.maxRating);
  if (filters.sentiment) q = q.where('m.sentiment', '=', filters.sentiment);
  if (filters.language) q = q.where('m.language', '=', filters.language);
  if (filters.category) q = q.where('m.category', '=', filters.category);
  if (filters.product) q = q.where(mentions(filters.product));
  if (filters.brandId) q = q.where('ch.brandId', '=', filters.brandId);
  if (filters.responded !== undefined) q = q.where('c.firstResponseAt', filters.responded ? 'is not' : 'is', null);
  if (filters.overdue !== undefined) q = q.where(filters.overdue ? sql<boolean>`c.first_response_at IS NULL AND ${x.responseDueAt} < now()` : sql<boolean>`NOT (c.first_response_at IS NULL AND ${x.responseDueAt} < now())`);
  if (filters.ownerDepartment) q = q.where(sql<boolean>`${x.ownerDepartment} = lower(${filters.ownerDepartment}::text)`);
  if (filters.responseStatus) q = q.where(sql<boolean>`${x.responseStatus} = ${filters.responseStatus}::text`);
  if (filters.cursor) {
    const cursor = decodeCursor(filters.cursor, Cursor);
    q = q.where(sql<boolean>`(${x.postedAt}, c.id) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)`);
  }
  const rows = await q.orderBy(x.postedAt, 'desc').orderBy('c.id', 'desc').limit(limit + 1).execute();
  const now = new Date();
  const items = rows.slice(0, limit).map((r) => toDto(r, now));
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor({ at: last.postedAt, id: last.conversationId }) : null };
}

export async function getReview(db: Db, workspaceId: string, conversationId: string): Promise<ReviewDto> {
  const ctx = await loadReviewContext(db, workspaceId);
  const row = await query(db, workspaceId, ctx).where('c.id', '=', conversationId).executeTakeFirst();
  if (!row) throw new AppError('not_found', 'Review not found.');
  return toDto(row, new Date());
}
