/** Plain text as the HTML alternative of a mail: escaped, paragraphs and line breaks kept. */
export function textToHtml(text: string): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  const paragraphs = escaped.split(/\r?\n\s*\r?\n/).map((p) => p.trim()).filter((p) => p.length > 0);
  return paragraphs.map((p) => `<p>${p.replace(/\r?\n/g, '<br>')}</p>`).join('\n');
}

/** "Re: " once in front of the conversation's subject. */
export function replySubject(subject: string | null, fallback: string): string {
  if (!subject) return fallback;
  return /^(re|aw|antw):/i.test(subject) ? subject : `Re: ${subject}`;
}
