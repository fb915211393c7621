import { sql } from 'kysely';
import { z } from 'zod';
import { getConversation } from '../db/conversations.js';
import type { CsatScale, Db } from '../db/schema.js';
import { reportPeriod } from '../domain/report-period.js';

export interface ConversationSurveyDto {
  id: string;
  via: 'channel' | 'email';
  scale: CsatScale;
  status: 'sending' | 'sent' | 'skipped' | 'failed';
  skipReason: string | null;
  resolvedAt: string;
  sentAt: string | null;
  expiresAt: string | null;
  rating: number | null;
  comment: string | null;
  answeredAt: string | null;
}

/** Every survey of a conversation (one per resolution), newest first, with its answer. */
export async function conversationSurveys(db: Db, workspaceId: string, conversationId: string): Promise<ConversationSurveyDto[]> {
  const conversation = await getConversation(db, workspaceId, conversationId);
  const rows = await db
    .selectFrom('csatSurveys')
    .select(['id', 'via', 'scale', 'status', 'skipReason', 'resolvedAt', 'sentAt', 'expiresAt', 'rating', 'comment', 'answeredAt'])
    .where('workspaceId', '=', workspaceId)
    .where('conversationId', '=', conversation.id)
    .orderBy('resolvedAt', 'desc')
    .execute();
  return rows.map((r) => ({
    ...r,
    resolvedAt: r.resolvedAt.toISOString(),
    sentAt: r.sentAt?.toISOString() ?? null,
    expiresAt: r.expiresAt?.toISOString() ?? null,
    answeredAt: r.answeredAt?.toISOString() ?? null,
  }));
}

export const CsatReportQuery = z
  .object({
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    groupBy: z.enum(['agent', 'team', 'channel']).default('agent'),
  })
  .strict();
export type CsatReportQuery = z.infer<typeof CsatReportQuery>;

export interface CsatFigures {
  sent: number;
  answered: number;
  /** answered / sent; null when nothing was sent. */
  responseRate: number | null;
  average: number | null;
  /** Share of answers rating 4 or 5 (the usual CSAT score); null without answers. */
  satisfiedShare: number | null;
  /** Answers per rating, index 0 for 1 … index 4 for 5. */
  distribution: [number, number, number, number, number];
}

export interface CsatReport {
  from: string;
  to: string;
  groupBy: 'agent' | 'team' | 'channel';
  total: CsatFigures;
  groups: (CsatFigures & { id: string | null; name: string | null })[];
  /** Per day (of the answer, in the workspace's time zone): answers and their average. */
  trend: { day: string; answered: number; average: number }[];
}

type Row = { sent: number; answered: number; average: string | null; satisfied: number; r1: number; r2: number; r3: number; r4: number; r5: number };

function figures(r: Row | undefined): CsatFigures {
  if (!r) return { sent: 0, answered: 0, responseRate: null, average: null, satisfiedShare: null, distribution: [0, 0, 0, 0, 0] };
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    sent: r.sent,
    answered: r.answered,
    responseRate: r.sent > 0 ? round(r.answered / r.sent) : null,
    average: r.average === null ? null : Math.round(Number(r.average) * 100) / 100,
    satisfiedShare: r.answered > 0 ? round(r.satisfied / r.answered) : null,
    distribution: [r.r1, r.r2, r.r3, r.r4, r.r5],
  };
}

const AGGREGATES = sql<Row>`count(*)::int AS sent, count(s.rating)::int AS answered, avg(s.rating)::text AS average, count(*) FILTER (WHERE s.rating >= 4)::int AS satisfied,
  count(*) FILTER (WHERE s.rating = 1)::int AS r1, count(*) FILTER (WHERE s.rating = 2)::int AS r2, count(*) FILTER (WHERE s.rating = 3)::int AS r3,
  count(*) FILTER (WHERE s.rating = 4)::int AS r4, count(*) FILTER (WHERE s.rating = 5)::int AS r5`;

/**
 * Satisfaction over the surveys sent in the period (days in UTC, `to` inclusive), in total and per
 * agent, team or channel as they were when the conversation was resolved.
 */
export async function csatReport(db: Db, workspaceId: string, q: CsatReportQuery): Promise<CsatReport> {
  const { from, to, start, end } = reportPeriod(q);
  const scope = sql`s.workspace_id = ${workspaceId} AND s.status = 'sent' AND s.sent_at >= ${start} AND s.sent_at < ${end}`;
  const total = await sql<Row>`SELECT ${AGGREGATES} FROM csat_surveys s WHERE ${scope}`.execute(db);
  const group =
    q.groupBy === 'agent'
      ? sql`s.assignee_id AS id, u.name AS name FROM csat_surveys s LEFT JOIN users u ON u.id = s.assignee_id WHERE ${scope} GROUP BY s.assignee_id, u.name`
      : q.groupBy === 'team'
        ? sql`s.team_id AS id, t.name AS name FROM csat_surveys s LEFT JOIN teams t ON t.id = s.team_id WHERE ${scope} GROUP BY s.team_id, t.name`
        : sql`s.channel_id AS id, ch.name AS name FROM csat_surveys s JOIN channels ch ON ch.id = s.channel_id WHERE ${scope} GROUP BY s.channel_id, ch.name`;
  const groups = await sql<Row & { id: string | null; name: string | null }>`SELECT ${AGGREGATES}, ${group} ORDER BY count(s.rating) DESC, name`.execute(db);
  const trend = await sql<{ day: string; answered: number; average: string }>`
    SELECT to_char(date_trunc('day', s.answered_at AT TIME ZONE w.time_zone), 'YYYY-MM-DD') AS day, count(*)::int AS answered, avg(s.rating)::text AS average
    FROM csat_surveys s JOIN workspaces w ON w.id = s.workspace_id
    WHERE ${scope} AND s.rating IS NOT NULL GROUP BY 1 ORDER BY 1`.execute(db);
  return {
    from,
    to,
    groupBy: q.groupBy,
    total: figures(total.rows[0]),
    groups: groups.rows.map((r) => ({ id: r.id, name: r.name, ...figures(r) })),
    trend: trend.rows.map((r) => ({ day: r.day, answered: r.answered, average: Math.round(Number(r.average) * 100) / 100 })),
  };
}
