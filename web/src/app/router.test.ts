import { describe, expect, it } from 'vitest';
import { parseRoute } from './router.js';

describe('routes', () => {
  it('reads the app paths', () => {
    expect(parseRoute('/')).toEqual({ name: 'inbox', conversationId: null });
    expect(parseRoute('/c/abc')).toEqual({ name: 'inbox', conversationId: 'abc' });
    expect(parseRoute('/dashboard')).toEqual({ name: 'dashboard' });
    expect(parseRoute('/listening')).toEqual({ name: 'listening' });
    expect(parseRoute('/settings/labels')).toEqual({ name: 'settings', section: 'labels' });
    expect(parseRoute('/knowledge')).toEqual({ name: 'knowledge', articleId: null });
    expect(parseRoute('/knowledge/abc')).toEqual({ name: 'knowledge', articleId: 'abc' });
  });
});
