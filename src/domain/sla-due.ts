import { addBusinessTime, type Calendar } from './business-hours.js';
import { DEFAULT_WARN_RATIO, matchSlaPolicy, type SlaPolicy, type SlaSubject } from './sla-policy.js';
import { timeMeasure } from './sla.js';

export interface DueTimes {
  policyId: string;
  firstResponseDueAt: Date | null;
  firstResponseWarnAt: Date | null;
  resolutionDueAt: Date | null;
}

/**
 * When a conversation that starts (or reopens) at `from` must be answered and resolved under
 * the policy that fits it; null when no policy applies. Business-hours policies count only
 * open hours of the calendar.
 */
export function dueTimes(policies: readonly SlaPolicy[], calendar: Calendar, subject: SlaSubject, from: Date): DueTimes | null {
  const policy = matchSlaPolicy(policies, subject);
  if (!policy) return null;
  const add = (ms: number) => (policy.businessHours ? addBusinessTime(calendar, from, ms) : new Date(from.getTime() + ms));
  const first = policy.targets.firstResponseMs;
  const resolution = policy.targets.resolutionMs;
  return {
    policyId: policy.id,
    firstResponseDueAt: first === undefined ? null : add(first),
    firstResponseWarnAt: first === undefined ? null : add(Math.round(first * (policy.warnAtRatio ?? DEFAULT_WARN_RATIO))),
    resolutionDueAt: resolution === undefined ? null : add(resolution),
  };
}

export interface NextResponseDue {
  policyId: string;
  dueAt: Date;
  warnAt: Date;
}

/**
 * When the team must answer a customer who wrote again at `from` after an agent's reply, under the
 * policy that fits; null when no policy applies or it sets no next-response target.
 */
export function nextResponseDue(policies: readonly SlaPolicy[], calendar: Calendar, subject: SlaSubject, from: Date): NextResponseDue | null {
  const policy = matchSlaPolicy(policies, subject);
  const target = policy?.targets.nextResponseMs;
  if (!policy || target === undefined) return null;
  const add = (ms: number) => (policy.businessHours ? addBusinessTime(calendar, from, ms) : new Date(from.getTime() + ms));
  return { policyId: policy.id, dueAt: add(target), warnAt: add(Math.round(target * (policy.warnAtRatio ?? DEFAULT_WARN_RATIO))) };
}

export interface PausedClock {
  dueAt: Date;
  warnAt: Date | null;
  pausedAt: Date;
}

/**
 * Where a paused next-response clock falls due once the customer answers at `resumedAt`: it keeps the
 * time it had left at the pause, counted in business time when the policy that fits says so (a clock
 * paused Friday 17:00 with 30 minutes left, resumed on Saturday, is due at Monday's opening plus 30
 * minutes). An instant the clock had already reached before the pause stays where it was. Calendar time
 * applies when no policy fits any more.
 */
export function resumedNextResponse(policies: readonly SlaPolicy[], calendar: Calendar, subject: SlaSubject, clock: PausedClock, resumedAt: Date): { dueAt: Date; warnAt: Date | null } {
  const measure = timeMeasure(matchSlaPolicy(policies, subject)?.businessHours ? 'business' : 'calendar', calendar);
  const paused = clock.pausedAt.getTime();
  const move = (at: Date): Date => (at.getTime() < paused ? at : new Date(measure.add(resumedAt.getTime(), measure.between(paused, at.getTime()))));
  return { dueAt: move(clock.dueAt), warnAt: clock.warnAt && move(clock.warnAt) };
}
