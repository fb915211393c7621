import { de } from './de.js';
import { en, type MessageKey } from './en.js';
import type { Locale } from '../api/types.js';

export const dictionaries: Record<Locale, Record<MessageKey, string>> = { de, en };
export const LOCALES: readonly Locale[] = ['de', 'en'];

export type Params = Record<string, string | number>;

/**
 * Fills `{name}` placeholders in one pass, so a value that itself contains braces is
 * inserted literally and never expanded again.
 */
export function interpolate(template: string, params: Params = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  return interpolate(dictionaries[locale][key] ?? en[key], params);
}

/** Whether a key built at run time (a kind, a field name) has a text. */
export function isMessageKey(key: string): key is MessageKey {
  return key in en;
}

export function isLocale(value: unknown): value is Locale {
  return value === 'de' || value === 'en';
}

/** The browser's preferred supported language, German when it prefers neither. */
export function pickLocale(preferred: readonly string[]): Locale {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return 'de';
}
