import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { telegramTextUpdate } from './fake.js';
import { messageFromUpdate, TelegramUpdate } from './payload.js';

describe('reading Telegram updates', () => {
  it('turns a private text message into a private message from the chat', () => {
    const msg = messageFromUpdate(TelegramUpdate.parse(telegramTextUpdate(1, { chatId: 42, messageId: 3, firstName: 'Eva', lastName: 'Roth', text: 'Hallo' })));
    expect(msg).toMatchObject({ externalId: '42:3', from: { id: '42', name: 'Eva Roth' }, text: 'Hallo', visibility: 'private' });
    expect(msg?.threadKey).toBeUndefined();
  });

  it('keeps a group conversation on the group, in public', () => {
    const update = TelegramUpdate.parse({ update_id: 2, message: { message_id: 5, from: { id: 7, first_name: 'Ben' }, chat: { id: -100123, type: 'supergroup', title: 'Kunden' }, date: 1, text: 'Frage' } });
    expect(messageFromUpdate(update)).toMatchObject({ externalId: '-100123:5', from: { id: '7' }, visibility: 'public', threadKey: 'chat:-100123' });
  });

  it('links a customer who shares their own contact card by phone', () => {
    const update = TelegramUpdate.parse({ update_id: 3, message: { message_id: 6, from: { id: 9, first_name: 'Ida' }, chat: { id: 9, type: 'private' }, date: 1, contact: { phone_number: '4915112345', first_name: 'Ida', user_id: 9 } } });
    expect(messageFromUpdate(update)?.from.phone).toBe('+4915112345');
  });

  it('skips updates that are not new messages, and bots', () => {
    expect(messageFromUpdate(TelegramUpdate.parse({ update_id: 4 }))).toBeNull();
    expect(messageFromUpdate(TelegramUpdate.parse({ update_id: 5, message: { message_id: 1, from: { id: 1, is_bot: true, first_name: 'Bot' }, chat: { id: 1, type: 'private' }, date: 1, text: 'x' } }))).toBeNull();
  });

  it('never crashes on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (body) => {
        const parsed = TelegramUpdate.safeParse(body);
        if (parsed.success) messageFromUpdate(parsed.data);
      }),
    );
  });
});
