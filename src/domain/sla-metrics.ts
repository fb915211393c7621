import type { Calendar } from './business-hours.js';
import type { SlaReport, SlaTargetStatus } from './sla.js';
import { timeMeasure } from './sla.js';
import { buildTimeline, type Clock, type ClockKind, type SlaEvent } from './sla-timeline.js';

export interface MetricDuration {
  calendarMs: number;
  // Null when no business calendar was given.
  businessMs: number | null;
}

export interface ConversationMetrics {
  firstResponse: MetricDuration | null;
  nextResponses: MetricDuration[];
  resolution: MetricDuration | null;
  pausedMs: number;
  reopenCount: number;
}

// The definitions live in docs/metrics.md. Each figure is the active time of the same clock the SLA
// uses, so a metric and its SLA state never disagree; pauses are excluded from both.
export function conversationMetrics(events: readonly SlaEvent[], options: { now: Date; calendar?: Calendar }): ConversationMetrics {
  const timeline = buildTimeline(events, options.now);
  const calendar = timeMeasure('calendar', undefined);
  const business = options.calendar ? timeMeasure('business', options.calendar) : null;
  const duration = (clock: Clock): MetricDuration => ({
    calendarMs: clock.active.reduce((sum, s) => sum + calendar.between(s.start, s.end), 0),
    businessMs: business ? clock.active.reduce((sum, s) => sum + business.between(s.start, s.end), 0) : null,
  });
  const replied = (clock: Clock | null): clock is Clock => clock !== null && clock.stoppedBy === 'reply';
  const resolved = timeline.resolution !== null && timeline.resolution.stoppedAt !== null;
  return {
    firstResponse: replied(timeline.firstResponse) ? duration(timeline.firstResponse) : null,
    nextResponses: timeline.nextResponses.filter(replied).map(duration),
    resolution: resolved && timeline.resolution ? duration(timeline.resolution) : null,
    pausedMs: timeline.resolution?.pausedMs ?? 0,
    reopenCount: timeline.reopenCount,
  };
}

export interface Attainment {
  met: number;
  breached: number;
  // met / (met + breached); null when nothing has been decided yet.
  ratio: number | null;
}

// Targets still 'ok' or 'warning' are undecided and left out; a breach is final even while the clock runs.
export function slaAttainment(reports: readonly SlaReport[]): Record<ClockKind | 'all', Attainment> {
  const tally = { firstResponse: [0, 0], nextResponse: [0, 0], resolution: [0, 0], all: [0, 0] } as Record<ClockKind | 'all', [number, number]>;
  const count = (s: SlaTargetStatus | null): void => {
    if (!s || (s.state !== 'met' && s.state !== 'breached')) return;
    const i = s.state === 'met' ? 0 : 1;
    tally[s.target][i]++;
    tally.all[i]++;
  };
  for (const r of reports) {
    count(r.firstResponse);
    r.nextResponseCycles.forEach(count);
    count(r.resolution);
  }
  const result = {} as Record<ClockKind | 'all', Attainment>;
  for (const key of Object.keys(tally) as Array<ClockKind | 'all'>) {
    const [met, breached] = tally[key];
    result[key] = { met, breached, ratio: met + breached === 0 ? null : met / (met + breached) };
  }
  return result;
}
