import { randomBytes } from 'node:crypto';

// Crockford's base32 without I, L, O and U: nothing a customer can misread when typing it in.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `GW-XXXX-XXXX-XXXX-XXXX`: 80 random bits, so codes cannot be guessed or enumerated. */
export function newVoucherCode(): string {
  const bytes = randomBytes(16);
  const chars = [...bytes].map((b) => ALPHABET[b & 31]).join('');
  return `GW-${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}-${chars.slice(12, 16)}`;
}
