import DOMPurify, { type Config } from 'dompurify';
import { isSafeLink } from './url-policy.js';

/**
 * The server already sanitises message HTML; this second pass runs in the browser because the
 * HTML is shown inside the agent's session. No script, style, frame, form or image survives:
 * images are dropped entirely so that no remote request (tracking pixel) is ever made.
 */
export const SANITIZE_CONFIG: Config = {
  ALLOWED_TAGS: ['a', 'b', 'strong', 'i', 'em', 'u', 's', 'p', 'br', 'div', 'span', 'ul', 'ol', 'li', 'blockquote', 'pre', 'code', 'h1', 'h2', 'h3', 'h4', 'table', 'thead', 'tbody', 'tr', 'td', 'th', 'hr'],
  ALLOWED_ATTR: ['href', 'title', 'colspan', 'rowspan'],
  FORBID_TAGS: ['script', 'style', 'iframe', 'img', 'object', 'embed', 'form', 'input', 'svg', 'math', 'link', 'meta', 'base', 'video', 'audio', 'source', 'picture'],
  FORBID_ATTR: ['style', 'src', 'srcset', 'background', 'poster', 'action', 'formaction'],
  ALLOW_DATA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  KEEP_CONTENT: true,
};

let hooked = false;

function installHooks(): void {
  if (hooked) return;
  hooked = true;
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName !== 'A') return;
    const href = node.getAttribute('href');
    if (href !== null && !isSafeLink(href)) node.removeAttribute('href');
    if (node.hasAttribute('href')) {
      // Links open away from the app and tell the target nothing about it.
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer nofollow');
    }
  });
}

export function sanitizeHtml(html: string): string {
  installHooks();
  return DOMPurify.sanitize(html, { ...SANITIZE_CONFIG, RETURN_TRUSTED_TYPE: false, ADD_ATTR: ['target', 'rel'] });
}
