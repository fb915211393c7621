import type { SlaPolicy } from './sla-policy.js';
import type { SlaReport, SlaTargetStatus } from './sla.js';
import type { ClockKind } from './sla-timeline.js';

export interface SlaAlert {
  kind: 'warning' | 'breach';
  target: ClockKind;
  // Index of the next-response cycle; 0 for first response and resolution.
  cycle: number;
  dueAt: Date | null;
}

export type EscalationAction =
  | { type: 'notify'; to: string[]; alert: SlaAlert }
  | { type: 'raiseTier'; alert: SlaAlert }
  | { type: 'setTeam'; teamId: string; alert: SlaAlert };

// Compares two evaluations of the same conversation so each warning and breach is raised exactly once,
// however often the clock is re-evaluated.
export function slaAlerts(previous: SlaReport | null, current: SlaReport): SlaAlert[] {
  const alerts: SlaAlert[] = [];
  const compare = (before: SlaTargetStatus | null | undefined, after: SlaTargetStatus | null, cycle: number): void => {
    if (!after) return;
    const was = before?.state ?? 'ok';
    if (after.state === 'breached' && was !== 'breached') alerts.push({ kind: 'breach', target: after.target, cycle, dueAt: after.dueAt });
    else if (after.state === 'warning' && was === 'ok') alerts.push({ kind: 'warning', target: after.target, cycle, dueAt: after.dueAt });
  };
  compare(previous?.firstResponse, current.firstResponse, 0);
  current.nextResponseCycles.forEach((c, i) => compare(previous?.nextResponseCycles[i], c, i));
  compare(previous?.resolution, current.resolution, 0);
  return alerts;
}

export function escalationActions(policy: SlaPolicy, alerts: readonly SlaAlert[]): EscalationAction[] {
  const actions: EscalationAction[] = [];
  for (const alert of alerts) {
    if (alert.kind === 'warning') {
      const to = policy.escalation?.onWarning?.notify ?? [];
      if (to.length > 0) actions.push({ type: 'notify', to, alert });
      continue;
    }
    const onBreach = policy.escalation?.onBreach;
    if (!onBreach) continue;
    if (onBreach.notify.length > 0) actions.push({ type: 'notify', to: onBreach.notify, alert });
    if (onBreach.raiseTier) actions.push({ type: 'raiseTier', alert });
    if (onBreach.teamId) actions.push({ type: 'setTeam', teamId: onBreach.teamId, alert });
  }
  return actions;
}

// When the report should next be re-evaluated so warnings and breaches are raised on time.
export function nextSlaCheck(report: SlaReport, now: Date): Date | null {
  const candidates: number[] = [];
  for (const s of [report.firstResponse, report.nextResponse, report.resolution]) {
    if (!s || !s.running || s.state === 'breached') continue;
    // A breach is the first instant after the due time, so the check for it runs 1 ms later.
    const instants = [s.warnAt?.getTime(), s.dueAt === null ? undefined : s.dueAt.getTime() + 1];
    for (const at of instants) {
      if (at !== undefined && at > now.getTime()) candidates.push(at);
    }
  }
  return candidates.length === 0 ? null : new Date(Math.min(...candidates));
}
