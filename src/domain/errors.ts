// The one error type of Parley. Domain code throws it; only the API layer maps codes to HTTP.
export type ErrorCode = 'not_found' | 'invalid' | 'conflict' | 'forbidden' | 'unauthorized' | 'unavailable' | 'rate_limited' | 'too_large';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}
