import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../domain/errors.js';
import { whatsappStatusWebhook, whatsappTextWebhook } from './fake.js';
import { readWhatsAppWebhook } from './payload.js';

describe('reading WhatsApp webhooks', () => {
  it('reads a text message with the sender\'s number and name', () => {
    const events = readWhatsAppWebhook(JSON.parse(whatsappTextWebhook('123', { id: 'wamid.1', from: '491701234567', name: 'Ali', text: 'Hi', timestamp: 1_700_000_000 })), '123');
    expect(events.messages).toEqual([{ externalId: 'wamid.1', from: { id: '491701234567', phone: '+491701234567', name: 'Ali' }, text: 'Hi', sentAt: new Date(1_700_000_000_000), visibility: 'private' }]);
  });

  it('leaves changes for another phone number to their channel', () => {
    expect(readWhatsAppWebhook(JSON.parse(whatsappTextWebhook('999', { id: 'wamid.2', from: '4917', text: 'x' })), '123').messages).toEqual([]);
  });

  it('maps read receipts to delivered and failures to their reason', () => {
    expect(readWhatsAppWebhook(JSON.parse(whatsappStatusWebhook('123', { id: 'w', status: 'read', recipient: '49' })), '123').reports).toEqual([{ externalId: 'w', status: 'delivered' }]);
    const failed = readWhatsAppWebhook(JSON.parse(whatsappStatusWebhook('123', { id: 'w', status: 'failed', recipient: '49', error: { code: 131047, title: 'Re-engagement message' } })), '123');
    expect(failed.reports).toEqual([{ externalId: 'w', status: 'failed', error: 'Re-engagement message [131047]' }]);
  });

  it('answers any other body with an invalid error, never a crash', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (body) => {
        try {
          readWhatsAppWebhook({ object: 'whatsapp_business_account', entry: [{ id: '1', changes: [{ field: 'messages', value: body }] }] }, '123');
        } catch (err) {
          expect(isAppError(err) && err.code === 'invalid').toBe(true);
        }
      }),
    );
  });
});
