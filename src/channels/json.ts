import { AppError } from '../domain/errors.js';
import type { WebhookRequest } from './adapter.js';

/** A webhook's JSON body; anything else is the caller's error, not ours. */
export function webhookJson(req: WebhookRequest): unknown {
  try {
    return JSON.parse(req.rawBody.toString('utf8'));
  } catch {
    throw new AppError('invalid', 'The webhook body is not JSON.');
  }
}

/** Text read as JSON, or null when it is something else (a provider's error page, a stray frame). */
export function jsonOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
