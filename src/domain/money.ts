// Money is kept in minor units (cents) as integers, so sums never pick up floating-point dust;
// the API speaks decimal amounts in major units, as shops and people write them.

/** Largest amount in minor units we accept: well inside Number's exact integer range. */
export const MAX_MINOR = 1e13;

const CURRENCY = /^[A-Z]{3}$/;

export function isCurrency(code: string): boolean {
  return CURRENCY.test(code);
}

/** Decimal places of a currency per ISO 4217 as the runtime knows them (EUR 2, JPY 0, KWD 3). */
export function currencyDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

export function toMajor(minor: number, currency: string): number {
  return minor / 10 ** currencyDigits(currency);
}

/** Rounds a major-unit amount to the currency's smallest unit and returns it in minor units. */
export function toMinor(major: number, currency: string): number {
  return Math.round(major * 10 ** currencyDigits(currency));
}

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/**
 * Reads a non-negative decimal amount (a JSON number or a string like "49.90") exactly into minor
 * units. More decimal places than the currency has are an error, not a silent rounding.
 */
export function parseAmount(value: unknown, currency: string): { minor: number } | { error: string } {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { error: 'must be a finite number' };
    text = String(value);
  } else if (typeof value === 'string') {
    text = value.trim();
  } else {
    return { error: 'must be a decimal number such as 49.90' };
  }
  if (text.startsWith('-')) return { error: 'must not be negative (record a refund as the order status)' };
  const m = DECIMAL.exec(text);
  if (!m) return { error: `"${text}" is not a decimal number such as 49.90` };
  const digits = currencyDigits(currency);
  const fraction = m[2] ?? '';
  if (fraction.replace(/0+$/, '').length > digits) return { error: `has more than ${digits} decimal places for ${currency}` };
  const minor = Number(m[1]) * 10 ** digits + Number(fraction.padEnd(digits, '0').slice(0, digits) || '0');
  if (!Number.isSafeInteger(minor) || minor > MAX_MINOR) return { error: 'is too large' };
  return { minor };
}

/** "1.234,50 €" / "€1,234.50": amounts in reasons and messages read naturally in each language. */
export function formatMoney(major: number, currency: string, locale: 'de' | 'en'): string {
  return new Intl.NumberFormat(locale === 'de' ? 'de-DE' : 'en-GB', { style: 'currency', currency }).format(major);
}
