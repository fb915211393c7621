import type { z } from 'zod';
import { AppError } from './errors.js';

/** Pagination cursors are opaque to clients: base64url JSON that only this API reads back. */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor<T>(raw: string, schema: z.ZodType<T>): T {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AppError('invalid', 'The cursor is not one this API handed out.', { field: 'cursor' });
  return parsed.data;
}
