import { createHmac, randomUUID } from 'node:crypto';
import { safeEqual } from '../../security/tokens.js';

// A visitor is anonymous: the widget keeps `visitorId.signature` in the browser and shows it on
// every call. The signature is keyed per channel, so an id cannot be guessed or carried to
// another channel, and no table of visitors is needed.

function sign(key: string, channelId: string, visitorId: string): string {
  return createHmac('sha256', key).update(`webchat\0${channelId}\0${visitorId}`).digest('base64url');
}

export function issueVisitorToken(key: string, channelId: string): { visitorId: string; token: string } {
  const visitorId = `v_${randomUUID()}`;
  return { visitorId, token: `${visitorId}.${sign(key, channelId, visitorId)}` };
}

/** The visitor id a token proves, or null. */
export function verifyVisitorToken(key: string, channelId: string, token: string): string | null {
  const dot = token.lastIndexOf('.');
  if (dot <= 0) return null;
  const visitorId = token.slice(0, dot);
  if (!/^v_[0-9a-f-]{36}$/.test(visitorId)) return null;
  return safeEqual(token.slice(dot + 1), sign(key, channelId, visitorId)) ? visitorId : null;
}
