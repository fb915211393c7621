import { describe, expect, it } from 'vitest';
import { botAnswer } from './bot-texts.js';

describe('bot answer text', () => {
  it('sends the article text with its link and the feedback question in the customer language', () => {
    expect(botAnswer('de', 'Drucken Sie das Etikett aus.', 'https://h.example/de/a')).toBe(
      'Das könnte Ihnen helfen:\n\nDrucken Sie das Etikett aus.\n\nMehr dazu: https://h.example/de/a\n\nHat das geholfen? Antworten Sie bitte mit „Ja“ oder „Nein“.',
    );
    expect(botAnswer('en', 'Print the label.', null)).toBe('This might help:\n\nPrint the label.\n\nDid that solve it? Please reply “yes” or “no”.');
  });

  it('cuts a long article after a whole sentence', () => {
    const long = Array.from({ length: 60 }, (_, i) => `Satz Nummer ${i} erklärt einen weiteren Schritt.`).join(' ');
    const text = botAnswer('de', long, 'https://h.example/de/a');
    expect(text.length).toBeLessThan(1500);
    expect(text).toMatch(/Schritt\. …\n\nMehr dazu: https:\/\/h\.example\/de\/a/);
  });
});
