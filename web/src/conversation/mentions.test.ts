import { describe, expect, it } from 'vitest';
import { insertMention, mentionAt, suggestUsers } from './mentions.js';

describe('@mentions', () => {
  it('finds the mention being typed', () => {
    expect(mentionAt('Bitte @jo', 9)).toEqual({ start: 6, term: 'jo' });
    expect(mentionAt('mail@example', 12)).toBeNull();
    expect(mentionAt('@', 1)).toEqual({ start: 0, term: '' });
  });

  it('suggests users by any name part or e-mail', () => {
    const users = [{ name: 'Jonas Weber', email: 'jonas@x' }, { name: 'Mara Schulz', email: 'mara@x' }];
    expect(suggestUsers(users, 'we').map((u) => u.name)).toEqual(['Jonas Weber']);
    expect(suggestUsers(users, '').length).toBe(2);
  });

  it('inserts the full name', () => {
    const q = mentionAt('Hi @jo!', 6);
    expect(q).not.toBeNull();
    if (q) expect(insertMention('Hi @jo!', q, 'Jonas Weber')).toEqual({ text: 'Hi @Jonas Weber !', caret: 16 });
  });
});
