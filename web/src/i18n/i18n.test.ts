import { describe, expect, it } from 'vitest';
import { de } from './de.js';
import { en } from './en.js';
import { formatAge, formatNumber } from './format.js';
import { interpolate, pickLocale, translate } from './translate.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n', () => {
  it('has every key in both German and English, and nothing extra', () => {
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
  });

  it('has no empty translations', () => {
    for (const dict of [de, en]) for (const [k, v] of Object.entries(dict)) expect(v.trim(), k).not.toBe('');
  });

  it('uses the same placeholders in both languages', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) expect(placeholders(de[key]), key).toEqual(placeholders(en[key]));
  });

  it('inserts values literally, without expanding braces inside them', () => {
    expect(interpolate('Hallo {name}', { name: '{count}' })).toBe('Hallo {count}');
    expect(translate('en', 'conv.delivery.failed', { reason: '{reason}' })).toBe('Failed: {reason}');
  });

  it('follows the browser, falling back to German', () => {
    expect(pickLocale(['en-US', 'de'])).toBe('en');
    expect(pickLocale(['fr-FR', 'de-AT'])).toBe('de');
    expect(pickLocale(['fr'])).toBe('de');
  });

  it('formats numbers and ages per locale', () => {
    expect(formatNumber('de', 100000)).toBe('100.000');
    expect(formatNumber('en', 100000)).toBe('100,000');
    const now = Date.parse('2026-01-01T12:00:00Z');
    expect(formatAge('en', '2026-01-01T11:55:00Z', now)).toMatch(/5 min/);
    expect(formatAge('de', '2026-01-01T09:00:00Z', now)).toMatch(/3 Std/);
  });
});
