import { describe, expect, it } from 'vitest';
import { personalDataInReply } from './reply-personal-data.js';

const reviewer = { reviewText: 'Bestellung 4711-2231 kam nie an. Ruft mich an: 0171 2345678 oder jana.berg@example.de', email: 'jana@example.de', phone: '+49 171 2345678', orderIds: ['A-100234'] };

describe('personalDataInReply', () => {
  it('finds the reviewer\'s order numbers, phone and e-mail in the reply, however written', () => {
    const reply = 'Zu Bestellung 47112231 und A100234: wir rufen unter 171-2345678 an oder schreiben an JANA@example.de.';
    expect(personalDataInReply(reply, reviewer).map((s) => [s.kind, s.text])).toEqual([
      ['order_number', '47112231'],
      ['order_number', 'A100234'],
      ['phone', '171-2345678'],
      ['email', 'JANA@example.de'],
    ]);
  });

  it('finds personal data the reviewer never gave, and leaves an ordinary reply alone', () => {
    expect(personalDataInReply('Schreiben Sie an service@shop.example', reviewer).map((s) => s.kind)).toEqual(['email']);
    expect(personalDataInReply('Liebe Jana, das tut uns leid. Wir melden uns privat bei Ihnen – 2026 wird besser!', reviewer)).toEqual([]);
  });
});
