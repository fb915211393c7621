import { describe, expect, it } from 'vitest';
import { StampedCache } from './stamped-cache.js';

describe('StampedCache', () => {
  it('reuses a value while its stamp holds, reloads when it changes, and shares one load', async () => {
    const cache = new StampedCache<number>();
    let loads = 0;
    const load = async () => ++loads;
    const [a, b] = await Promise.all([cache.get('ws', 'v1', load), cache.get('ws', 'v1', load)]);
    expect([a, b, loads]).toEqual([1, 1, 1]);
    expect(await cache.get('ws', 'v1', load)).toBe(1);
    expect(await cache.get('ws', 'v2', load)).toBe(2);
    expect(await cache.get('other', 'v2', load)).toBe(3);
  });

  it('does not keep a failed load', async () => {
    const cache = new StampedCache<string>();
    await expect(cache.get('ws', 'v1', () => Promise.reject(new Error('database away')))).rejects.toThrow('database away');
    expect(await cache.get('ws', 'v1', async () => 'loaded')).toBe('loaded');
  });
});
