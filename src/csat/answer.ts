import { sql } from 'kysely';
import { z } from 'zod';
import { recordHistory } from '../db/history.js';
import { enqueueEvents } from '../db/outbox.js';
import type { CsatScale, Db } from '../db/schema.js';
import { AppError } from '../domain/errors.js';
import { hashToken } from '../security/tokens.js';
import type { SurveyLanguage } from './texts.js';

/** After the first answer the customer may change it for this long (a slip of the finger); then the link is used up. */
export const EDIT_WINDOW_MS = 10 * 60_000;
export const MAX_COMMENT = 2_000;

export const CsatAnswerSchema = z
  .object({
    rating: z.coerce.number().int().min(1).max(5),
    comment: z.string().trim().max(MAX_COMMENT).default(''),
  })
  .strict();
export type CsatAnswer = z.infer<typeof CsatAnswerSchema>;

export type SurveyState = 'open' | 'answered' | 'used' | 'expired';

export interface OpenSurvey {
  id: string;
  state: SurveyState;
  scale: CsatScale;
  language: SurveyLanguage;
  rating: number | null;
  comment: string | null;
}

function stateOf(row: { expiresAt: Date | null; answeredAt: Date | null }, now: number): SurveyState {
  if (row.answeredAt) return now - row.answeredAt.getTime() <= EDIT_WINDOW_MS ? 'answered' : 'used';
  if (!row.expiresAt || row.expiresAt.getTime() <= now) return 'expired';
  return 'open';
}

/** The survey a link's token belongs to; an unknown or blank token is `not_found`. */
export async function findSurvey(db: Db, token: string, lock = false): Promise<OpenSurvey & { workspaceId: string; conversationId: string }> {
  if (!token.trim()) throw new AppError('not_found', 'Survey not found.');
  let q = db
    .selectFrom('csatSurveys')
    .select(['id', 'workspaceId', 'conversationId', 'scale', 'language', 'rating', 'comment', 'expiresAt', 'answeredAt'])
    .where('tokenHash', '=', hashToken(token))
    .where('status', '=', 'sent');
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw new AppError('not_found', 'Survey not found.');
  return { ...row, state: stateOf(row, Date.now()) };
}

/**
 * Stores the customer's rating. The first answer counts; within ten minutes of it the customer may
 * change it (same link), after that, or once the link expired, the survey refuses with `conflict`.
 */
export async function answerSurvey(db: Db, token: string, answer: CsatAnswer): Promise<OpenSurvey> {
  const survey = await findSurvey(db, token, true);
  if (survey.state === 'expired') throw new AppError('conflict', 'This survey link has expired.', { reason: 'expired' });
  if (survey.state === 'used') throw new AppError('conflict', 'This survey has already been answered.', { reason: 'used' });
  const comment = answer.comment || null;
  await db
    .updateTable('csatSurveys')
    .set({ rating: answer.rating, comment, answeredAt: sql<Date>`coalesce(answered_at, now())` })
    .where('id', '=', survey.id)
    .execute();
  await recordHistory(db, survey.workspaceId, survey.conversationId, { type: 'contact', id: null }, survey.state === 'open' ? 'csat.answered' : 'csat.changed', { surveyId: survey.id, rating: answer.rating });
  await enqueueEvents(db, [{ type: 'csat.answered', workspaceId: survey.workspaceId, data: { conversationId: survey.conversationId, surveyId: survey.id, rating: answer.rating } }]);
  return { ...survey, state: 'answered', rating: answer.rating, comment };
}
