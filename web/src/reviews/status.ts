import type { MessageKey } from '../i18n/en.js';
import type { ResponseStatus } from './types.js';

export const statusKey = (s: ResponseStatus) => `reviews.status.${s}` as MessageKey;
