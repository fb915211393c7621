import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signReplyToken, verifyReplyToken } from './reply-token.js';

describe('reply tokens', () => {
  const key = randomBytes(32);
  const channel = randomUUID();
  const conversation = randomUUID();

  it('lead back to the conversation they were signed for, whatever the case of the address', () => {
    const token = signReplyToken(key, channel, conversation);
    expect(token).toMatch(/^[a-z2-7]{50}$/);
    expect(verifyReplyToken(key, channel, token)).toBe(conversation);
    expect(verifyReplyToken(key, channel, token.toUpperCase())).toBe(conversation);
  });

  it('refuse a changed conversation, another channel, another key and any damage', () => {
    const token = signReplyToken(key, channel, conversation);
    const other = signReplyToken(key, channel, randomUUID());
    // Someone else's conversation id with this token's MAC.
    expect(verifyReplyToken(key, channel, other.slice(0, 26) + token.slice(26))).toBeNull();
    expect(verifyReplyToken(key, randomUUID(), token)).toBeNull();
    expect(verifyReplyToken(randomBytes(32), channel, token)).toBeNull();
    for (const at of [0, 30, 49]) {
      for (const c of 'ab') {
        const changed = token.slice(0, at) + (token[at] === c ? 'c' : c) + token.slice(at + 1);
        expect(verifyReplyToken(key, channel, changed)).toBeNull();
      }
    }
    expect(verifyReplyToken(key, channel, token.slice(0, -1))).toBeNull();
    expect(verifyReplyToken(key, channel, `${token.slice(0, -1)}!`)).toBeNull();
    expect(verifyReplyToken(key, channel, '')).toBeNull();
  });
});
