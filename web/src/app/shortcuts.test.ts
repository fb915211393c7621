import { describe, expect, it } from 'vitest';
import { neighbour, shortcutFor } from './shortcuts.js';

const key = (k: string, editing = false) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, editing });

describe('keyboard shortcuts', () => {
  it('maps the documented keys', () => {
    expect(['j', 'k', 'r', 'a', 'e', '/', '?'].map((k) => shortcutFor(key(k)))).toEqual(['next', 'prev', 'reply', 'assignMe', 'resolve', 'search', 'help']);
  });

  it('stays out of the way while typing, except Escape', () => {
    expect(shortcutFor(key('j', true))).toBeNull();
    expect(shortcutFor(key('Escape', true))).toBe('escape');
    expect(shortcutFor({ ...key('r'), ctrlKey: true })).toBeNull();
  });

  it('moves through the list without falling off its ends', () => {
    expect(neighbour(['a', 'b', 'c'], null, 1)).toBe('a');
    expect(neighbour(['a', 'b', 'c'], 'a', 1)).toBe('b');
    expect(neighbour(['a', 'b', 'c'], 'c', 1)).toBe('c');
    expect(neighbour(['a', 'b', 'c'], 'a', -1)).toBe('a');
  });
});
