/**
 * Counts events per key in a sliding window: how many happened within the last `windowMs`.
 * Per process, bounded in memory (the map is cleared when it grows past `maxKeys`).
 */
export function createSlidingWindow(options: { windowMs: number; maxKeys?: number }) {
  const hits = new Map<string, number[]>();
  const maxKeys = options.maxKeys ?? 100_000;

  function recent(key: string, now: number): number[] {
    const kept = (hits.get(key) ?? []).filter((t) => now - t < options.windowMs);
    if (kept.length > 0) hits.set(key, kept);
    else hits.delete(key);
    return kept;
  }

  return {
    /** Events of `key` in the window, and how long until the oldest leaves it. */
    count(key: string, now = Date.now()): { count: number; retryAfterMs: number } {
      const kept = recent(key, now);
      return { count: kept.length, retryAfterMs: options.windowMs - (now - (kept[0] ?? now)) };
    },
    add(key: string, now = Date.now()): void {
      hits.set(key, [...recent(key, now), now]);
      if (hits.size > maxKeys) hits.clear();
    },
    forget(key: string): void {
      hits.delete(key);
    },
  };
}
