import type { MessageKey } from '../i18n/en.js';
import { isMessageKey } from '../i18n/translate.js';

/** The translated label of a channel setting, where there is one; unknown fields show their name. */
export function fieldLabelKey(path: string): MessageKey | null {
  const key = `channelField.${path}`;
  return isMessageKey(key) ? key : null;
}
