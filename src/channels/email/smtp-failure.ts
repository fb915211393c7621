import { AppError } from '../../domain/errors.js';

const NETWORK = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);

/**
 * Turns what the outgoing SMTP server (or the way to it) said into the error class retries act
 * on: 4xx and network trouble pass, so try again; refused credentials need an admin; 5xx is final.
 */
export function smtpFailure(err: unknown): AppError {
  const e = (typeof err === 'object' && err !== null ? err : {}) as { code?: unknown; responseCode?: unknown; response?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  const status = typeof e.responseCode === 'number' ? e.responseCode : 0;
  const reason = (typeof e.response === 'string' && e.response) || (typeof e.message === 'string' && e.message) || String(err);
  if (code === 'EAUTH' || status === 530 || status === 534 || status === 535) {
    return new AppError('unauthorized', `The SMTP server refused the login: ${reason}`);
  }
  if (status >= 400 && status < 500) return new AppError('unavailable', `The SMTP server deferred the message (${status}): ${reason}`);
  if (status >= 500) return new AppError('invalid', `The SMTP server rejected the message (${status}): ${reason}`);
  if (NETWORK.has(code)) return new AppError('unavailable', `The SMTP server is unreachable: ${reason}`);
  return new AppError('invalid', `Sending failed: ${reason}`);
}
