import type { Locale } from '../api/types.js';

const tags: Record<Locale, string> = { de: 'de-DE', en: 'en-GB' };

export function formatDateTime(locale: Locale, iso: string): string {
  return new Intl.DateTimeFormat(tags[locale], { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function formatDate(locale: Locale, iso: string): string {
  return new Intl.DateTimeFormat(tags[locale], { dateStyle: 'medium' }).format(new Date(iso));
}

export function formatTime(locale: Locale, iso: string): string {
  return new Intl.DateTimeFormat(tags[locale], { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

export function formatNumber(locale: Locale, n: number, digits = 0): string {
  return new Intl.NumberFormat(tags[locale], { maximumFractionDigits: digits }).format(n);
}

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "vor 5 Min." / "5 min ago": the age of a conversation as a person reads it. */
export function formatAge(locale: Locale, iso: string, now = Date.now()): string {
  const diff = new Date(iso).getTime() - now;
  const rtf = new Intl.RelativeTimeFormat(tags[locale], { numeric: 'auto', style: 'short' });
  for (const [unit, ms] of units) {
    if (Math.abs(diff) >= ms) return rtf.format(Math.round(diff / ms), unit);
  }
  return rtf.format(0, 'minute');
}

/** A duration such as a first-response time, in the largest sensible unit. */
export function formatDuration(locale: Locale, ms: number): string {
  const minutes = ms / 60_000;
  const style = { style: 'unit', unitDisplay: 'short', maximumFractionDigits: 1 } as const;
  if (minutes < 60) return new Intl.NumberFormat(tags[locale], { ...style, unit: 'minute' }).format(minutes);
  if (minutes < 48 * 60) return new Intl.NumberFormat(tags[locale], { ...style, unit: 'hour' }).format(minutes / 60);
  return new Intl.NumberFormat(tags[locale], { ...style, unit: 'day' }).format(minutes / 1440);
}

export function formatMoney(locale: Locale, amount: number, currency: string): string {
  return new Intl.NumberFormat(tags[locale], { style: 'currency', currency }).format(amount);
}
