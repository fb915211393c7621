import { sql } from 'kysely';
import type { Db } from '../db/schema.js';

export interface Attainment {
  met: number;
  breached: number;
  /** met ÷ (met + breached); null when nothing was decided yet. */
  attainment: number | null;
}

export interface AttainmentReport {
  since: string;
  firstResponse: Attainment;
  nextResponse: Attainment;
  resolution: Attainment;
  callbacks: Attainment;
  overall: Attainment;
}

function ratio(met: number, breached: number): Attainment {
  return { met, breached, attainment: met + breached === 0 ? null : Math.round((met / (met + breached)) * 1000) / 1000 };
}

/**
 * The workspace's service-level attainment since a moment, from what the live clocks stored: first
 * response and resolution per conversation, each next-response cycle, and each callback. Targets not
 * decided yet (running, not past due) are left out; see docs/metrics.md.
 */
export async function slaAttainment(db: Db, workspaceId: string, since: Date): Promise<AttainmentReport> {
  const conv = await sql<{ frMet: number; frBreached: number; resMet: number; resBreached: number }>`
    SELECT
      count(*) FILTER (WHERE first_response_due_at IS NOT NULL AND first_response_at <= first_response_due_at)::int AS "frMet",
      count(*) FILTER (WHERE first_response_due_at IS NOT NULL AND (first_response_at > first_response_due_at OR (first_response_at IS NULL AND first_response_due_at < now())))::int AS "frBreached",
      count(*) FILTER (WHERE resolution_due_at IS NOT NULL AND resolved_at <= resolution_due_at)::int AS "resMet",
      count(*) FILTER (WHERE resolution_due_at IS NOT NULL AND (resolved_at > resolution_due_at OR (resolved_at IS NULL AND resolution_due_at < now())))::int AS "resBreached"
    FROM conversations WHERE workspace_id = ${workspaceId} AND created_at >= ${since}`.execute(db);
  const next = await sql<{ met: number; breached: number }>`
    SELECT
      count(*) FILTER (WHERE type = 'sla.nextResponse.stopped' AND (data->>'met')::boolean)::int AS met,
      count(*) FILTER (WHERE type = 'sla.breached' AND data->>'target' = 'nextResponse')::int AS breached
    FROM conversation_events WHERE workspace_id = ${workspaceId} AND created_at >= ${since} AND type IN ('sla.nextResponse.stopped', 'sla.breached')`.execute(db);
  const callbacks = await sql<{ met: number; breached: number }>`
    SELECT count(*) FILTER (WHERE status = 'done' AND overdue_at IS NULL)::int AS met, count(*) FILTER (WHERE overdue_at IS NOT NULL)::int AS breached
    FROM callbacks WHERE workspace_id = ${workspaceId} AND created_at >= ${since}`.execute(db);
  const c = conv.rows[0] ?? { frMet: 0, frBreached: 0, resMet: 0, resBreached: 0 };
  const n = next.rows[0] ?? { met: 0, breached: 0 };
  const cb = callbacks.rows[0] ?? { met: 0, breached: 0 };
  return {
    since: since.toISOString(),
    firstResponse: ratio(c.frMet, c.frBreached),
    nextResponse: ratio(n.met, n.breached),
    resolution: ratio(c.resMet, c.resBreached),
    callbacks: ratio(cb.met, cb.breached),
    overall: ratio(c.frMet + n.met + c.resMet + cb.met, c.frBreached + n.breached + c.resBreached + cb.breached),
  };
}
