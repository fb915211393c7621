import { describe, expect, it } from 'vitest';
import { issueVisitorToken, verifyVisitorToken } from './visitor-token.js';

describe('visitor tokens', () => {
  it('prove the visitor on their channel only', () => {
    const { visitorId, token } = issueVisitorToken('key-1', 'channel-a');
    expect(verifyVisitorToken('key-1', 'channel-a', token)).toBe(visitorId);
    expect(verifyVisitorToken('key-1', 'channel-b', token)).toBeNull();
    expect(verifyVisitorToken('key-2', 'channel-a', token)).toBeNull();
  });

  it('refuse edited, empty and malformed tokens', () => {
    const { token } = issueVisitorToken('key-1', 'channel-a');
    const other = issueVisitorToken('key-1', 'channel-a');
    expect(verifyVisitorToken('key-1', 'channel-a', `${other.visitorId}.${token.split('.')[1]}`)).toBeNull();
    for (const bad of ['', '.', ' ', token.split('.')[0] ?? '', `${token}x`, `x${token}`]) expect(verifyVisitorToken('key-1', 'channel-a', bad)).toBeNull();
  });
});
