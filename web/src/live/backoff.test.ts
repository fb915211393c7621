import { describe, expect, it } from 'vitest';
import { reconnectDelay } from './backoff.js';

describe('reconnect backoff', () => {
  it('grows and is capped', () => {
    const mid = () => 0.5;
    expect(reconnectDelay(0, mid)).toBe(500);
    expect(reconnectDelay(3, mid)).toBe(4000);
    expect(reconnectDelay(20, mid)).toBe(30_000);
    expect(reconnectDelay(20, () => 1)).toBeLessThanOrEqual(45_000);
  });
});
