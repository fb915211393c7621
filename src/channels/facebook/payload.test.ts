import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../domain/errors.js';
import { readPageWebhook } from './payload.js';

const PAGE = '1044';
const comment = (value: Record<string, unknown>) => ({ object: 'page', entry: [{ id: PAGE, changes: [{ field: 'feed', value: { item: 'comment', verb: 'add', post_id: `${PAGE}_1`, from: { id: '77', name: 'Eva' }, created_time: 1_700_000_000, ...value } }] }] });

describe('readPageWebhook', () => {
  it('threads a comment by itself and a reply by the comment it answers', () => {
    const top = readPageWebhook(comment({ comment_id: `${PAGE}_1_10`, parent_id: `${PAGE}_1`, message: 'Frage' }), PAGE).messages[0];
    expect(top).toMatchObject({ externalId: `${PAGE}_1_10`, threadKey: `${PAGE}_1_10`, visibility: 'public', from: { id: '77', name: 'Eva' }, sentAt: new Date(1_700_000_000_000) });
    const answer = readPageWebhook(comment({ comment_id: `${PAGE}_1_11`, parent_id: `${PAGE}_1_10`, message: 'Nachtrag' }), PAGE).messages[0];
    expect(answer?.threadKey).toBe(`${PAGE}_1_10`);
  });

  it('skips the Page\'s own comments, edits, other feed items and other Pages', () => {
    expect(readPageWebhook(comment({ comment_id: 'c1', from: { id: PAGE, name: 'Shop' }, message: 'Danke!' }), PAGE).messages).toEqual([]);
    expect(readPageWebhook(comment({ comment_id: 'c2', verb: 'edited', message: 'x' }), PAGE).messages).toEqual([]);
    expect(readPageWebhook(comment({ item: 'reaction', reaction_type: 'like' }), PAGE).messages).toEqual([]);
    expect(readPageWebhook(comment({ comment_id: 'c3', message: 'x' }), '999').messages).toEqual([]);
  });

  it('reads Messenger messages as private, skips echoes and turns delivery receipts into reports', () => {
    const events = readPageWebhook({
      object: 'page',
      entry: [{
        id: PAGE,
        messaging: [
          { sender: { id: '55' }, recipient: { id: PAGE }, timestamp: 1_700_000_000_123, message: { mid: 'm_1', text: 'Hallo' } },
          { sender: { id: PAGE }, recipient: { id: '55' }, timestamp: 1_700_000_000_124, message: { mid: 'm_2', text: 'Echo', is_echo: true } },
          { sender: { id: '55' }, recipient: { id: PAGE }, timestamp: 1_700_000_000_125, message: { mid: 'm_3', attachments: [{ type: 'image', payload: { url: 'https://x' } }] } },
          { sender: { id: '55' }, recipient: { id: PAGE }, delivery: { mids: ['m_out'], watermark: 1 } },
        ],
      }],
    }, PAGE);
    expect(events.messages.map((m) => [m.externalId, m.text, m.visibility, m.threadKey])).toEqual([['m_1', 'Hallo', 'private', undefined], ['m_3', '[image]', 'private', undefined]]);
    expect(events.reports).toEqual([{ externalId: 'm_out', status: 'delivered' }]);
  });

  it('refuses malformed bodies as invalid and never crashes on arbitrary JSON', () => {
    expect(() => readPageWebhook({ object: 'page', entry: [{ id: PAGE, messaging: [{ sender: {} }] }] }, PAGE)).toThrow(/Malformed messaging event/);
    expect(() => readPageWebhook(comment({ comment_id: 42 }), PAGE)).toThrow(/Malformed comment/);
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.record({ object: fc.constant('page'), entry: fc.array(fc.record({ id: fc.constant(PAGE), messaging: fc.array(fc.jsonValue()), changes: fc.array(fc.record({ field: fc.constant('feed'), value: fc.jsonValue() })) })) })), (body) => {
        try {
          readPageWebhook(body, PAGE);
        } catch (err) {
          expect(isAppError(err) && err.code === 'invalid').toBe(true);
        }
      }),
    );
  });
});
