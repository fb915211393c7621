/**
 * Values kept per key (a workspace) and reused while the key's stamp is unchanged: a version kept
 * by the database, or a count and latest change. Reading the stamp is one small query, far cheaper
 * than the value. Callers that find the same stale entry share one load; a failed load is not
 * kept, so the next caller tries again.
 */
export class StampedCache<V> {
  private readonly entries = new Map<string, { stamp: string; value: Promise<V> }>();

  get(key: string, stamp: string, load: () => Promise<V>): Promise<V> {
    const kept = this.entries.get(key);
    if (kept?.stamp === stamp) return kept.value;
    const value = load();
    this.entries.set(key, { stamp, value });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }
}
