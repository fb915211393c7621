import { describe, expect, it } from 'vitest';
import { SuggestionEngine, type SuggestionDocument } from './engine.js';

const doc = (id: string, language: 'de' | 'en', title: string, body: string, questions: string[] = []): SuggestionDocument => ({
  id,
  language,
  title,
  tags: [],
  questions,
  body,
});

const DOCS = [
  doc('pw-de', 'de', 'Passwort zurücksetzen', 'Klicken Sie auf „Passwort vergessen“ und folgen Sie dem Link in der E-Mail.'),
  doc('pw-en', 'en', 'Reset your password', 'Click "Forgot password" and follow the link in the e-mail.'),
  doc('address', 'de', 'Adresse der Lieferung ändern', 'Solange das Paket nicht versandt ist, ändern wir die Anschrift für Sie.'),
  doc('returns', 'de', 'Artikel zurücksenden', 'Drucken Sie das Etikett im Kundenkonto aus und geben Sie das Paket ab.', ['Wie schicke ich etwas zurück?']),
  doc('shipping', 'de', 'Versandkosten', 'Ab 50 Euro liefern wir versandkostenfrei.'),
];

describe('suggestion engine', () => {
  const engine = new SuggestionEngine(DOCS);

  it('ranks the article about the question first', () => {
    expect(engine.search('Was kostet bei euch der Versand?')[0]?.doc.id).toBe('shipping');
    expect(engine.search('Wie kann ich etwas zurückschicken?')[0]?.doc.id).toBe('returns');
  });

  it('finds an article despite a typo', () => {
    expect(engine.search('passwrot vergesen')[0]?.doc.id).toMatch(/^pw-/);
  });

  it('matches a compound against its parts', () => {
    // "Lieferadresse" never occurs in the article, only "Adresse" and "Lieferung".
    expect(engine.search('Lieferadresse falsch')[0]?.doc.id).toBe('address');
  });

  it('prefers the conversation language among articles that say the same', () => {
    expect(engine.search('password', { language: 'en' })[0]?.doc.id).toBe('pw-en');
    expect(engine.search('Passwort', { language: 'de' })[0]?.doc.id).toBe('pw-de');
    expect(engine.search('password Passwort', { language: 'de' })[0]?.doc.id).toBe('pw-de');
    expect(engine.search('password Passwort', { language: 'en' })[0]?.doc.id).toBe('pw-en');
  });

  it('is more confident about a close paraphrase than about a vague question', () => {
    const close = engine.search('Wie schicke ich etwas zurück?')[0];
    const vague = engine.search('Hallo, ich habe eine Frage zu meinem Einkauf')[0];
    expect(close?.confidence ?? 0).toBeGreaterThan(0.85);
    expect(vague?.confidence ?? 0).toBeLessThan(close?.confidence ?? 0);
    expect(vague?.confidence ?? 0).toBeLessThan(0.5);
  });

  it('is sure of an example question in an index of one article, and not of a question sharing one word with it', () => {
    const single = new SuggestionEngine([
      doc('returns', 'de', 'Artikel zurücksenden', 'Rücksendeetikett im Kundenkonto drucken.', ['Wie schicke ich etwas zurück?', 'Wie funktioniert die Rücksendung?']),
    ]);
    expect(single.search('Wie schicke ich etwas zurück?')[0]?.confidence ?? 0).toBeGreaterThan(0.85);
    expect(single.search('Funktioniert die Waschmaschine auch mit Starkstrom?')[0]?.confidence ?? 1).toBeLessThan(0.5);
  });

  it('is less sure of an answer when another article matches the question almost as well', () => {
    const question = 'Wie schicke ich etwas zurück?';
    const returns = doc('returns', 'de', 'Artikel zurücksenden', 'Rücksendeetikett im Kundenkonto drucken.', [question]);
    const rival = doc('exchange', 'de', 'Artikel umtauschen', 'Umtausch im Kundenkonto anmelden.', ['Wie schicke ich etwas zurück und bekomme ein anderes?']);
    const alone = new SuggestionEngine([returns]).search(question)[0]?.confidence ?? 0;
    const contested = new SuggestionEngine([returns, rival]).search(question)[0];
    expect(contested?.doc.id).toBe('returns');
    expect(contested?.confidence ?? 1).toBeLessThan(alone);
  });

  it('answers nothing for text without words and for an empty index', () => {
    expect(engine.search('?!')).toEqual([]);
    expect(new SuggestionEngine([]).search('Passwort')).toEqual([]);
  });
});
