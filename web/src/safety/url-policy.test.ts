import { describe, expect, it } from 'vitest';
import { SANITIZE_CONFIG } from './sanitize.js';
import { isSafeLink } from './url-policy.js';

describe('link and resource policy', () => {
  it('keeps web, mail and phone links', () => {
    for (const ok of ['https://example.com/a?b=1', 'http://x.de', 'mailto:a@b.de', 'tel:+4930123', '#top']) expect(isSafeLink(ok), ok).toBe(true);
  });

  it('drops script and data links, however they are disguised', () => {
    for (const bad of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' java\tscript:alert(1)', 'java\u0000script:x', 'data:text/html;base64,PHNjcmlwdD4=', 'vbscript:x', '//evil.example/x', 'relative/path']) {
      expect(isSafeLink(bad), bad).toBe(false);
    }
  });

  it('forbids scripts, styles, frames, images and event handlers in the DOMPurify config', () => {
    for (const tag of ['script', 'style', 'iframe', 'img', 'svg', 'object']) expect(SANITIZE_CONFIG.FORBID_TAGS).toContain(tag);
    expect(SANITIZE_CONFIG.ALLOWED_TAGS).not.toContain('img');
    expect(SANITIZE_CONFIG.ALLOWED_ATTR?.some((a) => a.startsWith('on'))).toBe(false);
    expect(SANITIZE_CONFIG.ALLOWED_ATTR).not.toContain('src');
  });
});
