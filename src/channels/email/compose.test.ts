import { describe, expect, it } from 'vitest';
import { replySubject, textToHtml } from './compose.js';

describe('composing a reply', () => {
  it('turns text into escaped paragraphs', () => {
    expect(textToHtml('Hallo <Anna>,\nalles gut.\n\nGrüße & bis bald')).toBe('<p>Hallo &lt;Anna&gt;,<br>alles gut.</p>\n<p>Grüße &amp; bis bald</p>');
  });

  it('puts Re: in front once', () => {
    expect(replySubject('Lieferung', 'Support')).toBe('Re: Lieferung');
    expect(replySubject('AW: Lieferung', 'Support')).toBe('AW: Lieferung');
    expect(replySubject(null, 'Support')).toBe('Support');
  });
});
