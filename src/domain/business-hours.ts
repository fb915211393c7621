import { z } from 'zod';
import { AppError } from './errors.js';
import { zoneClock, type ZoneClock } from './sla-time-zone.js';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
// A calendar that stays shut this long is a configuration error; searching further would only hang.
const MAX_CLOSED_DAYS = 800;

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const clockTime = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'expected HH:MM (00:00–24:00)');
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine((s) => new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'not a calendar date');

export const TimeSlotSchema = z
  .object({ day: z.enum(WEEKDAYS), start: clockTime, end: clockTime })
  .strict()
  .refine((s) => minutesOf(s.start) < minutesOf(s.end), 'slot must end after it starts (slots cannot cross midnight)');

export const HolidaySchema = z.object({
  date: isoDate,
  name: z.string().optional(),
  yearly: z.boolean().optional(),
  untilYear: z.number().int().optional(),
}).strict();

export const BusinessCalendarSchema = z.object({
  timeZone: z.string().min(1),
  slots: z.array(TimeSlotSchema).min(1, 'a calendar needs at least one open slot'),
  holidays: z.array(HolidaySchema),
}).strict();

export type TimeSlot = z.infer<typeof TimeSlotSchema>;
export type Holiday = z.infer<typeof HolidaySchema>;
export type BusinessCalendar = z.infer<typeof BusinessCalendarSchema>;

// Building the Intl formatter dominates the cost of a single call, so hot paths compile once and reuse.
export interface CompiledCalendar {
  readonly compiled: true;
  readonly zone: ZoneClock;
  readonly weekly: ReadonlyArray<ReadonlyArray<readonly [number, number]>>;
  readonly exactHolidays: ReadonlySet<string>;
  readonly yearlyHolidays: ReadonlyMap<string, ReadonlyArray<{ from: number; until: number }>>;
}

export type Calendar = BusinessCalendar | CompiledCalendar;

interface Interval {
  start: number;
  end: number;
}

export function compileCalendar(cal: Calendar): CompiledCalendar {
  if ('compiled' in cal) return cal;
  const parsed = BusinessCalendarSchema.safeParse(cal);
  if (!parsed.success) {
    throw new AppError('invalid', `invalid business calendar: ${parsed.error.issues[0]?.message ?? 'unknown'}`, {
      issues: parsed.error.issues,
    });
  }
  const weekly = WEEKDAYS.map((day) =>
    mergeSlots(parsed.data.slots.filter((s) => s.day === day).map((s) => [minutesOf(s.start), minutesOf(s.end)] as const)),
  );
  const exactHolidays = new Set<string>();
  const yearlyHolidays = new Map<string, Array<{ from: number; until: number }>>();
  for (const h of parsed.data.holidays) {
    if (!h.yearly) {
      exactHolidays.add(h.date);
      continue;
    }
    const key = h.date.slice(5);
    const list = yearlyHolidays.get(key) ?? [];
    list.push({ from: Number(h.date.slice(0, 4)), until: h.untilYear ?? Number.POSITIVE_INFINITY });
    yearlyHolidays.set(key, list);
  }
  return { compiled: true, zone: zoneClock(parsed.data.timeZone), weekly, exactHolidays, yearlyHolidays };
}

export function isOpen(cal: Calendar, at: Date): boolean {
  const c = compileCalendar(cal);
  const t = at.getTime();
  return openIntervalsOn(c, localDay(c, t)).some((iv) => iv.start <= t && t < iv.end);
}

// Returns `at` itself when open, otherwise the start of the next open slot.
export function nextOpening(cal: Calendar, at: Date): Date {
  const c = compileCalendar(cal);
  const t = at.getTime();
  let day = localDay(c, t);
  for (let scanned = 0; scanned <= MAX_CLOSED_DAYS; scanned++, day++) {
    for (const iv of openIntervalsOn(c, day)) {
      if (iv.end > t) return new Date(Math.max(iv.start, t));
    }
  }
  throw neverOpen(at);
}

// The instant at which `ms` of open time has passed since `start`. A target that uses up a slot
// exactly is due at the slot's closing time, not at the next opening.
export function addBusinessTime(cal: Calendar, start: Date, ms: number): Date {
  if (!Number.isFinite(ms) || ms < 0) throw new AppError('invalid', 'business time must be a non-negative number of ms', { ms });
  const c = compileCalendar(cal);
  const t = start.getTime();
  let remaining = ms;
  let day = localDay(c, t);
  for (let idle = 0; idle <= MAX_CLOSED_DAYS; day++) {
    let progressed = false;
    for (const iv of openIntervalsOn(c, day)) {
      if (iv.end <= t) continue;
      const from = Math.max(iv.start, t);
      const available = iv.end - from;
      if (remaining <= available) return new Date(from + remaining);
      remaining -= available;
      progressed = true;
    }
    idle = progressed ? 0 : idle + 1;
  }
  throw neverOpen(start);
}

// Open time between two instants; negative when `b` precedes `a`, so the measure is antisymmetric.
export function businessTimeBetween(cal: Calendar, a: Date, b: Date): number {
  const c = compileCalendar(cal);
  const from = a.getTime();
  const to = b.getTime();
  if (to < from) return -businessTimeBetween(c, b, a);
  let total = 0;
  const lastDay = localDay(c, to);
  for (let day = localDay(c, from); day <= lastDay; day++) {
    for (const iv of openIntervalsOn(c, day)) {
      total += Math.max(0, Math.min(iv.end, to) - Math.max(iv.start, from));
    }
  }
  return total;
}

function isHoliday(c: CompiledCalendar, isoDay: string): boolean {
  if (c.exactHolidays.has(isoDay)) return true;
  const year = Number(isoDay.slice(0, 4));
  return (c.yearlyHolidays.get(isoDay.slice(5)) ?? []).some((h) => h.from <= year && year <= h.until);
}

function openIntervalsOn(c: CompiledCalendar, day: number): Interval[] {
  const slots = c.weekly[(((day + 4) % 7) + 7) % 7] ?? [];
  if (slots.length === 0 || isHoliday(c, isoDayOf(day))) return [];
  const base = day * DAY_MS;
  // Offsets at both ends of a window wider than any local day: equal means no DST change today.
  const offset = c.zone.offsetAt(base - 14 * HOUR_MS);
  const steady = offset === c.zone.offsetAt(base + DAY_MS + 12 * HOUR_MS);
  const toInstant = (local: number): number => (steady ? local - offset : c.zone.toInstant(local));
  const intervals: Interval[] = [];
  for (const [startMin, endMin] of slots) {
    const start = toInstant(base + startMin * MINUTE_MS);
    const end = toInstant(base + endMin * MINUTE_MS);
    if (end > start) intervals.push({ start, end });
  }
  return intervals;
}

function localDay(c: CompiledCalendar, utcMs: number): number {
  return Math.floor(c.zone.localMs(utcMs) / DAY_MS);
}

function isoDayOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function minutesOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

function mergeSlots(slots: ReadonlyArray<readonly [number, number]>): Array<readonly [number, number]> {
  const sorted = [...slots].sort((x, y) => x[0] - y[0]);
  const merged: Array<[number, number]> = [];
  for (const [start, end] of sorted) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

function neverOpen(from: Date): AppError {
  return new AppError('invalid', `business calendar has no open time within ${MAX_CLOSED_DAYS} days`, {
    from: from.toISOString(),
  });
}
