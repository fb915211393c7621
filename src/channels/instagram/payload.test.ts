import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../domain/errors.js';
import { readInstagramWebhook } from './payload.js';

const ACCOUNT = '1784';
const body = (value: unknown) => ({ object: 'instagram', entry: [{ id: ACCOUNT, time: 1_700_000_000, changes: [{ field: 'comments', value }] }] });

describe('readInstagramWebhook', () => {
  it('keeps a reply in its top-level comment\'s thread and names the author by username', () => {
    const [reply] = readInstagramWebhook(body({ id: '2', parent_id: '1', text: 'Auch in Blau?', from: { id: '9', username: 'lena' }, media: { id: 'm' } }), ACCOUNT).messages;
    expect(reply).toMatchObject({ externalId: '2', threadKey: '1', visibility: 'public', from: { id: '9', name: '@lena' }, sentAt: new Date(1_700_000_000_000) });
    expect(readInstagramWebhook(body({ id: '3', text: 'x', from: { id: ACCOUNT, username: 'shop' }, media: { id: 'm' } }), ACCOUNT).messages).toEqual([]);
  });

  it('refuses malformed bodies as invalid and never crashes on arbitrary JSON', () => {
    expect(() => readInstagramWebhook(body({ id: '4', text: 'x', from: { id: '9' } }), ACCOUNT)).toThrow(/Malformed comment: media/);
    expect(() => readInstagramWebhook({ object: 'page', entry: [] }, ACCOUNT)).toThrow(/Not an Instagram webhook/);
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.jsonValue().map(body)), (b) => {
        try {
          readInstagramWebhook(b, ACCOUNT);
        } catch (err) {
          expect(isAppError(err) && err.code === 'invalid').toBe(true);
        }
      }),
    );
  });
});
