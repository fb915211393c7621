import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../domain/errors.js';
import { readAccountActivity, readStreamLine } from './payload.js';

const ME = '100';

describe('readAccountActivity', () => {
  it('reads direct messages as private and posts as public, skipping the account\'s own and reposts', () => {
    const messages = readAccountActivity({
      for_user_id: ME,
      direct_message_events: [
        { type: 'message_create', id: 'd1', created_timestamp: '1700000000000', message_create: { sender_id: '5', message_data: { text: 'Hi' } } },
        { type: 'message_create', id: 'd2', message_create: { sender_id: ME, message_data: { text: 'Our answer' } } },
      ],
      tweet_create_events: [
        { id_str: '11', text: '@shop hilfe', in_reply_to_status_id_str: '10', user: { id_str: '6', name: 'Ute', screen_name: 'ute' } },
        { id_str: '12', text: 'RT', user: { id_str: '7' }, retweeted_status: {} },
        { id_str: '13', text: 'mine', user: { id_str: ME } },
      ],
      users: { '5': { name: 'Bo', screen_name: 'bo' } },
    }, ME);
    expect(messages).toEqual([
      { externalId: 'd1', from: { id: '5', name: 'Bo (@bo)' }, text: 'Hi', visibility: 'private', sentAt: new Date(1_700_000_000_000) },
      { externalId: '11', from: { id: '6', name: 'Ute (@ute)' }, text: '@shop hilfe', visibility: 'public', threadKey: '10' },
    ]);
    expect(readAccountActivity({ for_user_id: '999', direct_message_events: [] }, ME)).toEqual([]);
  });

  it('refuses malformed bodies as invalid and never crashes on arbitrary JSON', () => {
    expect(() => readAccountActivity({ for_user_id: ME, tweet_create_events: [{ id_str: 'x' }] }, ME)).toThrow(/Malformed post/);
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.record({ for_user_id: fc.constant(ME), direct_message_events: fc.array(fc.jsonValue()), tweet_create_events: fc.array(fc.jsonValue()) })), (body) => {
        try {
          readAccountActivity(body, ME);
        } catch (err) {
          expect(isAppError(err) && err.code === 'invalid').toBe(true);
        }
      }),
    );
  });
});

describe('readStreamLine', () => {
  it('threads a post by its X conversation and names the rules it matched', () => {
    const post = readStreamLine({ data: { id: '3', text: 'hey @shop', author_id: '9', conversation_id: '1' }, includes: { users: [{ id: '9', name: 'Ina', username: 'ina' }] }, matching_rules: [{ id: 'r', tag: 'parley:abc' }] });
    expect(post).toEqual({ message: { externalId: '3', from: { id: '9', name: 'Ina (@ina)' }, text: 'hey @shop', visibility: 'public', threadKey: '1' }, tags: ['parley:abc'] });
    fc.assert(
      fc.property(fc.jsonValue(), (line) => {
        try {
          readStreamLine(line);
        } catch (err) {
          expect(isAppError(err) && err.code === 'invalid').toBe(true);
        }
      }),
    );
  });
});
