import { describe, expect, it } from 'vitest';
import { renderArticleMarkdown } from './render-markdown.js';

describe('article Markdown', () => {
  it('renders headings, lists and links', () => {
    const html = renderArticleMarkdown('# Rücksendung\n\n- Paket packen\n- [Label](https://shop.example/label)');
    expect(html).toContain('<h1>Rücksendung</h1>');
    expect(html).toContain('<li>Paket packen</li>');
    expect(html).toContain('href="https://shop.example/label"');
  });

  it('drops raw scripts, event handlers and javascript: links', () => {
    const html = renderArticleMarkdown('<script>alert(1)</script>\n\n<img src="https://x.example/a.png" onerror="alert(2)">\n\n[klick](javascript:alert(3))');
    expect(html).not.toMatch(/script|onerror|javascript:/i);
    expect(html).toContain('<img src="https://x.example/a.png" />');
  });

  it('keeps images only from https or Parley attachments', () => {
    const ok = renderArticleMarkdown('![a](https://cdn.example/a.png) ![b](/api/v1/attachments/0b7e1c3a-1d2e-4f5a-9b8c-7d6e5f4a3b2c)');
    expect(ok.match(/<img/g)).toHaveLength(2);
    const bad = renderArticleMarkdown('![a](http://tracker.example/p.gif) ![b](data:image/png;base64,AAAA) ![c](/etc/passwd)');
    expect(bad).not.toContain('<img');
  });
});
