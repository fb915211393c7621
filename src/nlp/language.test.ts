import { describe, expect, it } from 'vitest';
import { detectLanguage } from './index.js';

describe('detectLanguage', () => {
  it.each([
    ['Schon wieder 20 Minuten Verspätung, danke für nichts 🙄', 'de'],
    ['@DB_Bahn warum steht der Zug seit einer Stunde?', 'de'],
    ['Na super, Akku leer.', 'de'],
    ['Where is my parcel? Ordered two weeks ago.', 'en'],
    ['@support thanks, that fixed it!', 'en'],
    ['so annoying lol', 'en'],
    ["Bonjour, je n'ai toujours pas reçu mon colis.", 'fr'],
    ['Hola, mi pedido no ha llegado todavía.', 'es'],
    ['Привет, мой заказ не пришёл', 'ru'],
    // Names and brands must not outvote the short words that carry the language.
    ['Mercedes recalls Sprinter vans in Stuttgart', 'en'],
    ['Lufthansa strike hits Frankfurt and Düsseldorf flights', 'en'],
    ['Dortmund sign Haaland from Salzburg', 'en'],
    ['Beyoncé und Jay-Z waren gestern in der Mercedes-Benz Arena', 'de'],
  ])('%s → %s', (text, language) => {
    expect(detectLanguage(text).language).toBe(language);
  });

  it('answers "und" for text without words', () => {
    expect(detectLanguage('https://t.co/abc @someone 12:45 👍').language).toBe('und');
  });
});
