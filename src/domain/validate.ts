import type { z } from 'zod';
import { AppError } from './errors.js';

/** Parses with a zod schema; the first failing field becomes an `invalid` AppError naming it. */
export function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, prefix?: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = [prefix, ...(issue?.path ?? []).map(String)].filter((p) => p !== undefined && p !== '').join('.');
  throw new AppError('invalid', `${field || 'body'}: ${issue?.message ?? 'invalid value'}`, { field: field || null });
}
