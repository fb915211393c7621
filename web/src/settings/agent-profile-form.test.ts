import { describe, expect, it } from 'vitest';
import { formatCapacity, parseCapacity, skillList } from './agent-profile-form.js';

describe('the agent profile form', () => {
  it('reads capacity per channel type and writes it back the same way', () => {
    expect(parseCapacity('chat: 3, email:10')).toEqual({ chat: 3, email: 10 });
    expect(formatCapacity({ chat: 3, email: 10 })).toBe('chat: 3, email: 10');
    expect(parseCapacity('')).toEqual({});
  });

  it('refuses what is not "type: number" instead of guessing', () => {
    expect(parseCapacity('chat 3')).toBeNull();
    expect(parseCapacity('chat: viele')).toBeNull();
  });

  it('reads skills as a list without blanks or repeats', () => {
    expect(skillList('de, en, , de')).toEqual(['de', 'en']);
  });
});
