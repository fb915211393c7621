import { createHmac, timingSafeEqual } from 'node:crypto';

// Lower-case base32: mail systems may change the case of an address, never its letters.
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const MAC_BYTES = 15;
const TOKEN_BYTES = 16 + MAC_BYTES;
const TOKEN_LENGTH = Math.ceil((TOKEN_BYTES * 8) / 5);

function base32(bytes: Buffer): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

function fromBase32(text: string): Buffer | null {
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const c of text.toLowerCase()) {
    const v = ALPHABET.indexOf(c);
    if (v < 0) return null;
    value = ((value << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

function mac(key: Buffer, channelId: string, conversationId: string): Buffer {
  return createHmac('sha256', key).update(`reply-token\0${channelId}\0${conversationId}`).digest().subarray(0, MAC_BYTES);
}

/**
 * The part after "+" in a reply address: the conversation id and a MAC over it and the channel,
 * so only addresses Parley handed out lead into a conversation.
 */
export function signReplyToken(key: Buffer, channelId: string, conversationId: string): string {
  const id = Buffer.from(conversationId.replace(/-/g, ''), 'hex');
  return base32(Buffer.concat([id, mac(key, channelId, conversationId)]));
}

/** The conversation a token names, or null when it was not signed for this channel. */
export function verifyReplyToken(key: Buffer, channelId: string, token: string): string | null {
  if (token.length !== TOKEN_LENGTH) return null;
  const bytes = fromBase32(token);
  // Only the one spelling Parley writes: the unused low bits of the last letter must be zero.
  if (!bytes || bytes.length !== TOKEN_BYTES || base32(bytes) !== token.toLowerCase()) return null;
  const hex = bytes.subarray(0, 16).toString('hex');
  const conversationId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  const expected = mac(key, channelId, conversationId);
  return timingSafeEqual(bytes.subarray(16), expected) ? conversationId : null;
}
