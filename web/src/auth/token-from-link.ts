import { ApiError } from '../api/client.js';

/** Mailed links carry their token in the fragment, which browsers never send to a server. */
export function tokenFromLink(hash: string): string {
  return new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? '';
}

/** The server's answer to an unknown, used or expired link names the token as the field at fault. */
export function isDeadLink(err: unknown): boolean {
  return err instanceof ApiError && typeof err.details === 'object' && err.details !== null && 'field' in err.details && err.details.field === 'token';
}
