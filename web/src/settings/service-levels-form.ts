import type { BusinessCalendar } from '../../../src/domain/business-hours.js';
import type { SlaPolicy } from '../../../src/domain/sla-policy.js';

/** One row of the policy form, in hours as people think of them. */
export interface PolicyRow {
  name: string;
  priority: '' | 'low' | 'normal' | 'high' | 'urgent';
  customerGroup: string;
  firstResponseHours: string;
  resolutionHours: string;
  businessHours: boolean;
}

export interface HoursForm {
  timeZone: string;
  weekdayStart: string;
  weekdayEnd: string;
  saturday: boolean;
}

const HOUR = 3_600_000;
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;

export function rowsFromPolicies(policies: SlaPolicy[]): PolicyRow[] {
  return policies.map((p) => ({
    name: p.name ?? p.id,
    priority: p.match.priority ?? '',
    customerGroup: p.match.customerGroup ?? '',
    firstResponseHours: p.targets.firstResponseMs === undefined ? '' : String(p.targets.firstResponseMs / HOUR),
    resolutionHours: p.targets.resolutionMs === undefined ? '' : String(p.targets.resolutionMs / HOUR),
    businessHours: p.businessHours,
  }));
}

function hours(value: string): number | undefined {
  const n = Number(value.replace(',', '.'));
  return value.trim() === '' || !Number.isFinite(n) || n <= 0 ? undefined : Math.round(n * HOUR);
}

/** The rows as the API's policies; ids come from the names, so they stay stable across edits. */
export function policiesFromRows(rows: PolicyRow[]): SlaPolicy[] {
  return rows.map((r, i) => {
    const firstResponseMs = hours(r.firstResponseHours);
    const resolutionMs = hours(r.resolutionHours);
    return {
      id: r.name.trim().toLowerCase().replace(/[^a-z0-9äöüß]+/g, '-').replace(/^-|-$/g, '') || `policy-${i + 1}`,
      name: r.name.trim(),
      position: i,
      match: { ...(r.priority && { priority: r.priority }), ...(r.customerGroup.trim() && { customerGroup: r.customerGroup.trim() }) },
      targets: { ...(firstResponseMs !== undefined && { firstResponseMs }), ...(resolutionMs !== undefined && { resolutionMs }) },
      businessHours: r.businessHours,
    };
  });
}

export function hoursFromCalendar(c: BusinessCalendar): HoursForm {
  const monday = c.slots.find((s) => s.day === 'mon');
  return { timeZone: c.timeZone, weekdayStart: monday?.start ?? '08:00', weekdayEnd: monday?.end ?? '18:00', saturday: c.slots.some((s) => s.day === 'sat') };
}

/** Weekdays share one window; Saturday, when open, has the same. Holidays are kept as they are. */
export function calendarFromHours(f: HoursForm, holidays: BusinessCalendar['holidays']): BusinessCalendar {
  const days = f.saturday ? [...WEEKDAYS, 'sat' as const] : [...WEEKDAYS];
  return { timeZone: f.timeZone, slots: days.map((day) => ({ day, start: f.weekdayStart, end: f.weekdayEnd })), holidays };
}
