import { describe, expect, it } from 'vitest';
import { AppError } from '../../domain/errors.js';
import { reconnectDelayMs, streamRule } from './stream.js';

describe('filtered stream', () => {
  it('builds one rule from the handle and keywords, without reposts or the account\'s own posts', () => {
    expect(streamRule({ handle: 'shop', keywords: [] })).toBe('(@shop) -is:retweet -from:shop');
    expect(streamRule({ handle: 'shop', keywords: ['Shop GmbH', 'shopapp'] })).toBe('(@shop OR "Shop GmbH" OR shopapp) -is:retweet -from:shop');
  });

  it('backs off as X asks: linear after network ends, doubling after HTTP errors, until the reset after 429', () => {
    expect([0, 1, 100].map((a) => reconnectDelayMs(null, a))).toEqual([250, 500, 16_000]);
    const http = new AppError('unavailable', 'X error 503', { status: 503 });
    expect([0, 1, 10].map((a) => reconnectDelayMs(http, a))).toEqual([5_000, 10_000, 320_000]);
    expect(reconnectDelayMs(new AppError('rate_limited', 'limit', { status: 429, retryAfterMs: 4_200 }), 3)).toBe(4_200);
    expect(reconnectDelayMs(new AppError('rate_limited', 'limit', { status: 429 }), 1)).toBe(120_000);
  });
});
