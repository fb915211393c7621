import { parseArgs, type ParseArgsConfig } from 'node:util';
import { AppError } from '../domain/errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses flags strictly: an unknown flag is an error that names it, not silently ignored. */
export function flags<O extends Options>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: false, strict: true }).values;
  } catch (err) {
    throw new AppError('invalid', err instanceof Error ? err.message : String(err));
  }
}

export function required(value: string | boolean | undefined, name: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new AppError('invalid', `--${name} is required.`);
  return value;
}

export const dataFlag = { data: { type: 'string', default: './data' } } as const;
