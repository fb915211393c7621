import type { Holiday } from './business-hours.js';
import { AppError } from './errors.js';

const DAY_MS = 86_400_000;
// Longer "holidays" are almost certainly a mistaken DTEND; closing the business for them would stop every SLA clock.
const MAX_EVENT_DAYS = 366;

interface ContentLine {
  line: number;
  name: string;
  params: Record<string, string>;
  value: string;
}

interface PendingEvent {
  line: number;
  props: Map<string, ContentLine>;
}

// Imports all-day events (RFC 5545 VEVENT with DTSTART;VALUE=DATE) as holidays, one entry per day.
// Anything that would change which days are closed but is not understood (timed events, RRULE parts
// other than a plain yearly repetition, EXDATE/RDATE) is rejected rather than silently misread.
export function parseIcsHolidays(text: string): Holiday[] {
  const lines = unfold(text.replace(/^\uFEFF/, ''));
  const first = lines[0];
  if (!first || first.name !== 'BEGIN' || first.value.toUpperCase() !== 'VCALENDAR') {
    throw invalid(first?.line ?? 1, 'an iCalendar file must start with BEGIN:VCALENDAR');
  }
  const holidays: Holiday[] = [];
  const stack: string[] = [];
  let event: PendingEvent | null = null;
  let closed = false;
  for (const cl of lines) {
    if (closed) throw invalid(cl.line, 'content after END:VCALENDAR');
    if (cl.name === 'BEGIN') {
      const component = cl.value.toUpperCase();
      stack.push(component);
      if (component === 'VEVENT' && stack.length === 2) event = { line: cl.line, props: new Map() };
      continue;
    }
    if (cl.name === 'END') {
      const component = cl.value.toUpperCase();
      if (stack[stack.length - 1] !== component) throw invalid(cl.line, `END:${cl.value} does not close BEGIN:${stack[stack.length - 1] ?? '(nothing)'}`);
      stack.pop();
      if (component === 'VEVENT' && event && stack.length === 1) {
        holidays.push(...eventHolidays(event));
        event = null;
      }
      closed = stack.length === 0;
      continue;
    }
    if (event && stack.length === 2 && !event.props.has(cl.name)) event.props.set(cl.name, cl);
  }
  if (!closed) throw invalid(lines[lines.length - 1]?.line ?? 1, `missing END:${stack[stack.length - 1] ?? 'VCALENDAR'}`);
  return holidays;
}

function eventHolidays(event: PendingEvent): Holiday[] {
  if (event.props.get('STATUS')?.value.toUpperCase() === 'CANCELLED') return [];
  for (const name of ['EXDATE', 'RDATE']) {
    const prop = event.props.get(name);
    if (prop) throw invalid(prop.line, `${name} is not supported; list the dates as separate events`);
  }
  const dtstart = event.props.get('DTSTART');
  if (!dtstart) throw invalid(event.line, 'VEVENT without DTSTART');
  const start = parseDateProperty(dtstart);
  const days = durationDays(event, start);
  const name = event.props.get('SUMMARY');
  const rrule = event.props.get('RRULE');
  const recurrence = rrule ? parseYearlyRule(rrule, start) : null;
  const holidays: Holiday[] = [];
  for (let i = 0; i < days; i++) {
    const date = isoDate(start + i * DAY_MS);
    const holiday: Holiday = { date };
    if (name) holiday.name = unescapeText(name.value);
    if (recurrence) {
      holiday.yearly = true;
      const untilYear = recurrence(date);
      if (untilYear !== undefined) holiday.untilYear = untilYear;
    }
    holidays.push(holiday);
  }
  return holidays;
}

function durationDays(event: PendingEvent, start: number): number {
  const dtend = event.props.get('DTEND');
  const duration = event.props.get('DURATION');
  let days = 1;
  if (dtend) {
    const end = parseDateProperty(dtend);
    if (end <= start) throw invalid(dtend.line, 'DTEND must be after DTSTART');
    days = (end - start) / DAY_MS;
  } else if (duration) {
    const m = /^P(?:(\d+)W|(\d+)D)$/.exec(duration.value);
    if (!m) throw invalid(duration.line, 'DURATION of an all-day event must be PnD or PnW');
    days = m[1] ? Number(m[1]) * 7 : Number(m[2]);
    if (days < 1) throw invalid(duration.line, 'DURATION must be at least one day');
  }
  if (days > MAX_EVENT_DAYS) throw invalid((dtend ?? duration ?? event.props.get('DTSTART'))?.line ?? event.line, `an event longer than ${MAX_EVENT_DAYS} days is not a holiday`);
  return days;
}

// Returns, per expanded day, the last year it recurs in (undefined = forever).
function parseYearlyRule(rrule: ContentLine, start: number): (isoDay: string) => number | undefined {
  const parts = new Map<string, string>();
  for (const part of rrule.value.split(';')) {
    const [key, value] = part.split('=');
    if (!key || value === undefined || value === '') throw invalid(rrule.line, `malformed RRULE part "${part}"`);
    parts.set(key.toUpperCase(), value.toUpperCase());
  }
  if (parts.get('FREQ') !== 'YEARLY') throw invalid(rrule.line, 'only RRULE:FREQ=YEARLY is supported');
  const startDate = new Date(start);
  for (const [key, value] of parts) {
    const ok =
      key === 'FREQ' ||
      key === 'COUNT' ||
      key === 'UNTIL' ||
      (key === 'INTERVAL' && value === '1') ||
      (key === 'BYMONTH' && Number(value) === startDate.getUTCMonth() + 1) ||
      (key === 'BYMONTHDAY' && Number(value) === startDate.getUTCDate());
    if (!ok) throw invalid(rrule.line, `unsupported RRULE part ${key}=${value}`);
  }
  const count = parts.get('COUNT');
  const until = parts.get('UNTIL');
  if (count !== undefined && until !== undefined) throw invalid(rrule.line, 'RRULE must not have both COUNT and UNTIL');
  if (count !== undefined) {
    if (!/^[1-9]\d*$/.test(count)) throw invalid(rrule.line, 'RRULE COUNT must be a positive integer');
    return (day) => Number(day.slice(0, 4)) + Number(count) - 1;
  }
  if (until !== undefined) {
    const m = /^(\d{8})(?:T\d{6}Z?)?$/.exec(until);
    const untilDay = m?.[1] ? parseBasicDate(m[1]) : null;
    if (untilDay === null) throw invalid(rrule.line, 'RRULE UNTIL must be a date');
    const untilIso = isoDate(untilDay);
    return (day) => {
      const year = Number(untilIso.slice(0, 4));
      return day.slice(5) <= untilIso.slice(5) ? year : year - 1;
    };
  }
  return () => undefined;
}

function parseDateProperty(prop: ContentLine): number {
  const type = prop.params.VALUE?.toUpperCase();
  if ((type !== undefined && type !== 'DATE') || prop.value.includes('T')) {
    throw invalid(prop.line, `${prop.name} must be an all-day date (${prop.name};VALUE=DATE:YYYYMMDD); timed events are not holidays`);
  }
  const day = parseBasicDate(prop.value);
  if (day === null) throw invalid(prop.line, `${prop.name} "${prop.value}" is not a date in YYYYMMDD form`);
  return day;
}

function parseBasicDate(value: string): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return isoDate(ms) === `${m[1]}-${m[2]}-${m[3]}` ? ms : null;
}

function unfold(text: string): ContentLine[] {
  const physical = text.split(/\r\n|\n|\r/);
  const logical: Array<{ line: number; text: string }> = [];
  physical.forEach((raw, index) => {
    if (raw.startsWith(' ') || raw.startsWith('\t')) {
      const previous = logical[logical.length - 1];
      if (!previous) throw invalid(index + 1, 'continuation line without a line to continue');
      previous.text += raw.slice(1);
    } else if (raw.trim() !== '') {
      logical.push({ line: index + 1, text: raw });
    }
  });
  return logical.map(parseContentLine);
}

function parseContentLine({ line, text }: { line: number; text: string }): ContentLine {
  let inQuotes = false;
  let colon = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (ch === ':' && !inQuotes) {
      colon = i;
      break;
    }
  }
  if (colon <= 0) throw invalid(line, 'expected NAME:VALUE');
  const [rawName = '', ...rawParams] = text.slice(0, colon).split(';');
  if (!/^[A-Za-z0-9-]+$/.test(rawName)) throw invalid(line, `malformed property name "${rawName}"`);
  const params: Record<string, string> = {};
  for (const p of rawParams) {
    const eq = p.indexOf('=');
    if (eq <= 0) throw invalid(line, `malformed parameter "${p}"`);
    params[p.slice(0, eq).toUpperCase()] = p.slice(eq + 1).replace(/^"(.*)"$/, '$1');
  }
  return { line, name: rawName.toUpperCase(), params, value: text.slice(colon + 1) };
}

function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, ch: string) => (ch === 'n' || ch === 'N' ? '\n' : ch));
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function invalid(line: number, message: string): AppError {
  return new AppError('invalid', `iCalendar line ${line}: ${message}`, { line });
}
