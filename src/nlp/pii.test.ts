import { describe, expect, it } from 'vitest';
import { detectPii, redactPii } from './index.js';

const kinds = (text: string): string[] => detectPii(text).map((s) => `${s.kind}:${s.text}`);

describe('detectPii', () => {
  it('finds e-mail addresses and phone numbers in German and English messages', () => {
    expect(kinds('Schreibt mir an max.mustermann@example.de oder ruft an: 0171 2345678')).toEqual([
      'email:max.mustermann@example.de',
      'phone:0171 2345678',
    ]);
    expect(kinds('Call me on +44 20 7946 0958 please')).toEqual(['phone:+44 20 7946 0958']);
  });

  it('finds an address after an @handle and does not take the handle for one', () => {
    expect(kinds('@support bitte an jana@example.org antworten')).toEqual(['email:jana@example.org']);
    expect(kinds('@support @kundenservice wo bleibt mein Paket?')).toEqual([]);
  });

  it('flags an IBAN only when its checksum is valid', () => {
    expect(kinds('IBAN: DE89 3704 0044 0532 0130 00')).toEqual(['iban:DE89 3704 0044 0532 0130 00']);
    expect(kinds('IBAN: DE88 3704 0044 0532 0130 00').filter((k) => k.startsWith('iban'))).toEqual([]);
  });

  it('flags card numbers that pass the Luhn check and leaves other long numbers alone', () => {
    expect(kinds('Karte 4111 1111 1111 1111 wurde belastet')).toEqual(['card:4111 1111 1111 1111']);
    expect(kinds('Bestellnummer 4111 1111 1111 1112').filter((k) => k.startsWith('card'))).toEqual([]);
  });

  it('finds postal addresses and dates of birth', () => {
    expect(kinds('Lieferung bitte an Hauptstraße 12, 10115 Berlin')).toEqual(['address:Hauptstraße 12, 10115 Berlin']);
    expect(kinds('I live at 221 Baker Street now')).toEqual(['address:221 Baker Street']);
    expect(kinds('Ich bin geboren am 03.04.1985 und Kunde seit 2010')).toEqual(['birthdate:03.04.1985']);
    expect(kinds('My date of birth: 1990-12-24')).toEqual(['birthdate:1990-12-24']);
  });

  it('reports nothing for a message without personal data', () => {
    expect(detectPii('Der Zug um 8:15 hatte 20 Minuten Verspätung.')).toEqual([]);
  });

  it('gives offsets that point at the span in the original text', () => {
    const text = 'Mail: anna@example.com';
    const [span] = detectPii(text);
    expect(span && text.slice(span.start, span.end)).toBe('anna@example.com');
  });
});

describe('redactPii', () => {
  it('replaces each span with its kind', () => {
    expect(redactPii('Mail anna@example.com, Tel. 030 12345678')).toBe('Mail [email], Tel. [phone]');
  });
});
