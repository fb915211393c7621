import type { KbLanguage } from '../suggest/engine.js';

// Everything the bot says to customers, in German and English; the message's language decides.
const TEXTS = {
  de: {
    intro: 'Das könnte Ihnen helfen:',
    source: 'Mehr dazu:',
    ask: 'Hat das geholfen? Antworten Sie bitte mit „Ja“ oder „Nein“.',
    resolved: 'Schön, dass wir helfen konnten! Schreiben Sie uns gern wieder, wenn noch etwas ist.',
    handover: 'Ich gebe Ihre Nachricht an unser Team weiter. Eine Kollegin oder ein Kollege meldet sich so bald wie möglich bei Ihnen.',
  },
  en: {
    intro: 'This might help:',
    source: 'Read more:',
    ask: 'Did that solve it? Please reply “yes” or “no”.',
    resolved: 'Glad we could help! Write to us again any time.',
    handover: 'I am passing your message to our team. A colleague will get back to you as soon as possible.',
  },
} as const;

/** Chat apps cap a message at about 4,000 characters, and a chat answer should read at a glance. */
const MAX_ANSWER = 1200;

/** The article's answer, cut after the last whole paragraph or sentence that fits when it is long. */
function shortened(answer: string): string {
  if (answer.length <= MAX_ANSWER) return answer;
  const head = answer.slice(0, MAX_ANSWER);
  const cut = Math.max(head.lastIndexOf('\n\n'), head.lastIndexOf('. ') + 1);
  return `${head.slice(0, cut > MAX_ANSWER / 2 ? cut : MAX_ANSWER).trimEnd()} …`;
}

export function botAnswer(language: KbLanguage, answer: string, url: string | null): string {
  const t = TEXTS[language];
  return [`${t.intro}\n\n${shortened(answer)}`, url ? `${t.source} ${url}` : null, t.ask].filter(Boolean).join('\n\n');
}

export function botResolved(language: KbLanguage): string {
  return TEXTS[language].resolved;
}

export function botHandover(language: KbLanguage): string {
  return TEXTS[language].handover;
}
