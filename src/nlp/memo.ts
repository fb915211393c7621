/**
 * Remembers a per-token computation. Word frequencies are Zipfian, so a bounded map answers most
 * lookups on the hot path; when it is full it starts over, which keeps memory flat without LRU upkeep.
 */
export function memoByToken<V>(compute: (token: string) => V, limit = 100_000): (token: string) => V {
  const cache = new Map<string, V>();
  return (token) => {
    const hit = cache.get(token);
    if (hit !== undefined) return hit;
    const value = compute(token);
    if (cache.size >= limit) cache.clear();
    cache.set(token, value);
    return value;
  };
}
