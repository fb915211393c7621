import { describe, expect, it } from 'vitest';
import { loadSavedViews, storeSavedViews, viewFromFilter } from './saved-views.js';

describe('saved views', () => {
  it('keeps narrowing filters, drops the search text and empty values', () => {
    expect(viewFromFilter('v1', ' E-Mail L2 ', { q: 'refund', channelType: 'email', tier: 2, status: [], label: '' })).toEqual({
      id: 'v1', name: 'E-Mail L2', filter: { channelType: 'email', tier: 2 },
    });
  });

  it('stores per user and survives corrupt storage', () => {
    const mem = new Map<string, string>();
    const storage = { getItem: (k: string) => mem.get(k) ?? null, setItem: (k: string, v: string) => void mem.set(k, v) };
    storeSavedViews('u1', [viewFromFilter('a', 'A', { tier: 3 })], storage);
    expect(loadSavedViews('u1', storage).map((v) => v.name)).toEqual(['A']);
    expect(loadSavedViews('u2', storage)).toEqual([]);
    mem.set('parley.views.u1', 'nope');
    expect(loadSavedViews('u1', storage)).toEqual([]);
  });
});
