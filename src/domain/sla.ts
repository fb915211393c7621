import { addBusinessTime, businessTimeBetween, compileCalendar, type Calendar } from './business-hours.js';
import { AppError } from './errors.js';
import { DEFAULT_WARN_RATIO, type SlaPolicy } from './sla-policy.js';
import { buildTimeline, type Clock, type ClockKind, type SlaEvent, type Span } from './sla-timeline.js';

export type SlaState = 'ok' | 'warning' | 'breached' | 'met';
export type TimeBasis = 'business' | 'calendar';

export interface SlaTargetStatus {
  target: ClockKind;
  targetMs: number;
  basis: TimeBasis;
  state: SlaState;
  // When the target is (or was) reached; null while the clock is paused short of it, since the due time
  // depends on when the customer answers.
  dueAt: Date | null;
  warnAt: Date | null;
  elapsedMs: number;
  pausedMs: number;
  running: boolean;
  paused: boolean;
  stoppedAt: Date | null;
}

export interface SlaReport {
  policyId: string;
  firstResponse: SlaTargetStatus | null;
  // The latest next-response cycle; every cycle is in nextResponseCycles, oldest first.
  nextResponse: SlaTargetStatus | null;
  nextResponseCycles: SlaTargetStatus[];
  resolution: SlaTargetStatus | null;
}

export interface SlaOptions {
  now: Date;
  calendar?: Calendar;
  // Overrides the policy's basis, to report attainment in both calendar and business time.
  basis?: TimeBasis;
}

export interface TimeMeasure {
  add(start: number, ms: number): number;
  between(a: number, b: number): number;
}

export function timeMeasure(basis: TimeBasis, calendar: Calendar | undefined): TimeMeasure {
  if (basis === 'calendar') return { add: (start, ms) => start + ms, between: (a, b) => b - a };
  if (!calendar) throw new AppError('invalid', 'a business-hours SLA needs a business calendar');
  const c = compileCalendar(calendar);
  return {
    add: (start, ms) => addBusinessTime(c, new Date(start), ms).getTime(),
    between: (a, b) => businessTimeBetween(c, new Date(a), new Date(b)),
  };
}

export function computeSla(policy: SlaPolicy, events: readonly SlaEvent[], options: SlaOptions): SlaReport {
  const basis = options.basis ?? (policy.businessHours ? 'business' : 'calendar');
  const measure = timeMeasure(basis, options.calendar);
  const timeline = buildTimeline(events, options.now);
  const ratio = policy.warnAtRatio ?? DEFAULT_WARN_RATIO;
  const evaluate = (clock: Clock | null, targetMs: number | undefined): SlaTargetStatus | null =>
    clock && targetMs !== undefined ? evaluateClock(clock, targetMs, ratio, basis, measure, timeline.now) : null;
  const cycles = policy.targets.nextResponseMs === undefined ? [] : timeline.nextResponses.map((c) => evaluate(c, policy.targets.nextResponseMs));
  const nextResponseCycles = cycles.filter((c): c is SlaTargetStatus => c !== null);
  return {
    policyId: policy.id,
    firstResponse: evaluate(timeline.firstResponse, policy.targets.firstResponseMs),
    nextResponse: nextResponseCycles[nextResponseCycles.length - 1] ?? null,
    nextResponseCycles,
    resolution: evaluate(timeline.resolution, policy.targets.resolutionMs),
  };
}

// A clock breaches when it keeps running past the instant its active time reaches the target;
// stopping at exactly that instant still meets it.
function evaluateClock(clock: Clock, targetMs: number, ratio: number, basis: TimeBasis, measure: TimeMeasure, now: number): SlaTargetStatus {
  const due = reachInstant(clock, targetMs, measure);
  const warnAt = reachInstant(clock, Math.ceil(targetMs * ratio), measure);
  const elapsedMs = clock.active.reduce((sum, s) => sum + measure.between(s.start, s.end), 0);
  const stoppedOrNow = clock.stoppedAt ?? now;
  let state: SlaState;
  if (due !== null && stoppedOrNow > due) state = 'breached';
  else if (clock.stoppedAt !== null) state = 'met';
  else state = elapsedMs >= targetMs * ratio ? 'warning' : 'ok';
  return {
    target: clock.kind,
    targetMs,
    basis,
    state,
    dueAt: due === null ? extrapolate(clock, targetMs, measure) : new Date(due),
    warnAt: warnAt === null ? extrapolate(clock, Math.ceil(targetMs * ratio), measure) : new Date(warnAt),
    elapsedMs,
    pausedMs: clock.pausedMs,
    running: clock.running,
    paused: clock.paused,
    stoppedAt: clock.stoppedAt === null ? null : new Date(clock.stoppedAt),
  };
}

// The instant the clock's active time reaches `ms`, walking the spans it ran; the last span of a running
// clock is open-ended. Null when a stopped or paused clock never got there.
function reachInstant(clock: Clock, ms: number, measure: TimeMeasure): number | null {
  let remaining = ms;
  for (let i = 0; i < clock.active.length; i++) {
    const span: Span | undefined = clock.active[i];
    if (!span) break;
    const openEnded = clock.running && i === clock.active.length - 1;
    const reach = measure.add(span.start, remaining);
    if (openEnded || reach < span.end) return reach;
    remaining -= measure.between(span.start, span.end);
  }
  return null;
}

// A stopped clock reports when it would have been due had it kept running; a paused one has no due time yet.
function extrapolate(clock: Clock, ms: number, measure: TimeMeasure): Date | null {
  if (clock.stoppedAt === null) return null;
  const used = clock.active.reduce((sum, s) => sum + measure.between(s.start, s.end), 0);
  return new Date(measure.add(clock.stoppedAt, Math.max(0, ms - used)));
}
