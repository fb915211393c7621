import { describe, expect, it } from 'vitest';
import { filterParams } from './filter.js';
import { combine, countLabel, VIEWS } from './views.js';

describe('inbox views', () => {
  it('lays own filters over a view', () => {
    const mine = VIEWS.find((v) => v.id === 'mine')?.filter ?? {};
    expect(filterParams(combine(mine, { channelType: 'email', q: '', status: [] }))).toEqual({
      q: undefined, status: 'open,pending', channelType: 'email', tier: undefined, teamId: undefined, assignee: 'me', label: undefined,
    });
  });

  it('shows honest counts', () => {
    expect(countLabel(7, false)).toBe('7');
    expect(countLabel(10000, true, (n) => n.toLocaleString('de-DE'))).toBe('10.000+');
  });
});
