import { describe, expect, it } from 'vitest';
import { urgencyReasons } from './urgency.js';

describe('urgencyReasons', () => {
  it.each([
    ['Wenn das nicht geklärt wird, schalte ich meinen Anwalt ein.', 'legal'],
    ['Ich wende mich an die Verbraucherzentrale.', 'legal'],
    ['I will file a chargeback with my bank.', 'legal'],
    ['My lawyer will be in touch.', 'legal'],
    ['Dann gehe ich damit an die Presse.', 'public_escalation'],
    ['Ich werde das überall posten!', 'public_escalation'],
    ["I'm posting this everywhere until you respond.", 'public_escalation'],
    ['Everyone should boycott this company.', 'public_escalation'],
    ['Mein Konto wurde gehackt, da sind Abbuchungen, die nicht von mir sind.', 'fraud'],
    ['Someone logged into my account and changed the password.', 'fraud'],
    ['Ich schreibe euch jetzt zum dritten Mal!', 'repeated_contact'],
    ['Ich habe schon mehrfach angerufen.', 'repeated_contact'],
    ['I have asked several times and nobody answers.', 'repeated_contact'],
  ])('%s → %s', (text, reason) => {
    expect(urgencyReasons(text)).toContain(reason);
  });

  it('does not flag ordinary complaints or everyday words', () => {
    expect(urgencyReasons('Mein Paket ist noch nicht da, wann kommt es?')).toEqual([]);
    expect(urgencyReasons('Press the button twice to restart the router.')).toEqual([]);
    expect(urgencyReasons('I shared it on social media, love it!')).toEqual([]);
  });
});
