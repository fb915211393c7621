// Normalisation shared by training and inference: the models only ever see text shaped by these functions.
// Hashtags stay tokens of their own (with '#'): they are often names or English in any language, so
// language identification skips them, while the text models may still learn from them.

const URL_RE = /(?:https?:\/\/|www\.)\S+/giu;
const MENTION_RE = /(^|[^\p{L}\p{N}_])@[\p{L}\p{N}_]+/gu;
const ELONGATION_RE = /(\p{L})\1{2,}/gu;
const TOKEN_RE =
  /<url>|<user>|#[\p{L}\p{N}_]+|[\p{L}\p{M}\p{N}]+(?:['’][\p{L}]+)?|\p{Extended_Pictographic}|[:;=8]['\-o^]?[)(\]\[dpo3\/|*]+|<3|[!?]+/gu;

/** Lower-cases, masks URLs and @handles, and shortens "soooo" to "soo" so spellings of the same word meet. */
export function normalise(text: string): string {
  let s = text;
  // The substring checks skip a regex pass over the many messages without links or handles.
  if (s.includes('http') || s.includes('www.')) s = s.replace(URL_RE, ' <url> ');
  if (s.includes('@')) s = s.replace(MENTION_RE, '$1 <user> ');
  return s.toLowerCase().replace(ELONGATION_RE, '$1$1');
}

export function tokenise(text: string): string[] {
  return normalise(text).match(TOKEN_RE) ?? [];
}
