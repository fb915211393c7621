/**
 * Which link targets a sanitised message may keep. Only ordinary web and mail links survive;
 * javascript:, data:, vbscript: and anything unparseable are dropped. Whitespace and control
 * characters are removed first because browsers ignore them inside a scheme ("java\tscript:").
 */
export function isSafeLink(href: string): boolean {
  const cleaned = href.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  if (cleaned.startsWith('#')) return true;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(cleaned);
  if (!scheme) return false;
  return ['http', 'https', 'mailto', 'tel'].includes((scheme[1] ?? '').toLowerCase());
}
