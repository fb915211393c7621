import { en, type MessageKey } from '../i18n/en.js';

function isMessageKey(key: string): key is MessageKey {
  return key in en;
}

/** The translated label of a channel setting, where there is one; unknown fields show their name. */
export function fieldLabelKey(path: string): MessageKey | null {
  const key = `channelField.${path}`;
  return isMessageKey(key) ? key : null;
}
