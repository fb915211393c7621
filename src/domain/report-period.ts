import { AppError } from './errors.js';

const DAY_MS = 86_400_000;
const MAX_DAYS = 366;

/** The report's days: `to` is inclusive; without dates, the last 30 days. */
export function reportPeriod(q: { from?: string | undefined; to?: string | undefined }, defaultDays = 30): { from: string; to: string; start: Date; end: Date } {
  const to = q.to ?? new Date().toISOString().slice(0, 10);
  const from = q.from ?? new Date(Date.parse(to) - (defaultDays - 1) * DAY_MS).toISOString().slice(0, 10);
  const start = new Date(`${from}T00:00:00Z`);
  const end = new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS);
  if (end <= start) throw new AppError('invalid', 'from: must not be after to.', { field: 'from' });
  if ((end.getTime() - start.getTime()) / DAY_MS > MAX_DAYS) throw new AppError('invalid', `to: a report covers at most ${MAX_DAYS} days.`, { field: 'to' });
  return { from, to, start, end };
}
