import { describe, expect, it } from 'vitest';
import { directMessageBody, HUMAN_AGENT_WINDOW_MS, privateReplyBody, STANDARD_WINDOW_MS } from './messaging.js';

const now = Date.UTC(2025, 0, 10, 12);
const ago = (ms: number) => new Date(now - ms);

describe('Messenger Platform windows', () => {
  it('answers freely within 24 hours, as a human agent until 7 days, and not after', () => {
    expect(directMessageBody('1', 'Hi', ago(STANDARD_WINDOW_MS - 1), now)).toEqual({ recipient: { id: '1' }, messaging_type: 'RESPONSE', message: { text: 'Hi' } });
    expect(directMessageBody('1', 'Hi', ago(STANDARD_WINDOW_MS), now)).toMatchObject({ messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' });
    expect(directMessageBody('1', 'Hi', ago(HUMAN_AGENT_WINDOW_MS - 1), now)).toMatchObject({ tag: 'HUMAN_AGENT' });
    expect(() => directMessageBody('1', 'Hi', ago(HUMAN_AGENT_WINDOW_MS), now)).toThrow(/7 days/);
    expect(() => directMessageBody('1', 'Hi', null, now)).toThrow(/7 days/);
  });

  it('replies privately to a comment only within 7 days of it', () => {
    expect(privateReplyBody('c1', 'Hi', ago(6 * 24 * 3600_000), now)).toEqual({ recipient: { comment_id: 'c1' }, message: { text: 'Hi' } });
    expect(() => privateReplyBody('c1', 'Hi', ago(7 * 24 * 3600_000), now)).toThrow(/7 days/);
  });
});
