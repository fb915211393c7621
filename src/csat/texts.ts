import type { CsatScale } from '../db/schema.js';

export type SurveyLanguage = 'de' | 'en';

/** The five faces of the emoji scale, saddest first: the value stored is still 1–5. */
export const EMOJI = ['😞', '🙁', '😐', '🙂', '😄'] as const;

/** The conversation's language when Parley speaks it, else the workspace's. */
export function surveyLanguage(conversationLanguage: string | null, workspaceLocale: string): SurveyLanguage {
  if (conversationLanguage === 'de' || conversationLanguage === 'en') return conversationLanguage;
  return workspaceLocale.startsWith('en') ? 'en' : 'de';
}

function scaleHint(scale: CsatScale): string {
  return scale === 'emoji' ? EMOJI.join(' ') : '1–5';
}

/** The survey as a message in the customer's own channel. */
export function surveyMessage(language: SurveyLanguage, scale: CsatScale, link: string): string {
  return language === 'en'
    ? `How satisfied are you with our help? Rate us (${scaleHint(scale)}) in a few seconds: ${link}`
    : `Wie zufrieden sind Sie mit unserer Hilfe? Ihre Bewertung (${scaleHint(scale)}) dauert nur einen Moment: ${link}`;
}

/** The survey by e-mail. */
export function surveyMail(language: SurveyLanguage, scale: CsatScale, link: string, subject: string | null, company: string): { subject: string; text: string } {
  const about = subject ? (language === 'en' ? ` about "${subject}"` : ` zu „${subject}“`) : '';
  return language === 'en'
    ? {
        subject: `How did we do? – ${company}`,
        text: `Hello,\n\nwe recently helped you${about}. How satisfied are you with our help (${scaleHint(scale)})?\n\n${link}\n\nOne click, a comment if you like. Thank you!\n${company}`,
      }
    : {
        subject: `Wie zufrieden waren Sie? – ${company}`,
        text: `Guten Tag,\n\nwir haben Ihnen kürzlich${about} geholfen. Wie zufrieden sind Sie mit unserer Hilfe (${scaleHint(scale)})?\n\n${link}\n\nEin Klick genügt, gern mit Kommentar. Vielen Dank!\n${company}`,
      };
}

export const PAGE_TEXT = {
  de: {
    title: 'Wie zufrieden sind Sie?',
    question: 'Wie zufrieden sind Sie mit unserer Hilfe?',
    ratings: ['sehr unzufrieden', 'unzufrieden', 'teils, teils', 'zufrieden', 'sehr zufrieden'],
    comment: 'Möchten Sie uns noch etwas sagen? (freiwillig)',
    submit: 'Bewertung senden',
    thanks: 'Vielen Dank für Ihre Bewertung!',
    change: 'Sie können Ihre Bewertung in den nächsten Minuten noch ändern.',
    pick: 'Bitte wählen Sie eine Bewertung.',
    tooLong: 'Der Kommentar ist zu lang (höchstens 2000 Zeichen).',
    expired: 'Dieser Umfragelink ist abgelaufen.',
    used: 'Diese Umfrage wurde bereits beantwortet. Vielen Dank!',
    unknown: 'Diesen Umfragelink kennen wir nicht.',
  },
  en: {
    title: 'How did we do?',
    question: 'How satisfied are you with our help?',
    ratings: ['very dissatisfied', 'dissatisfied', 'neutral', 'satisfied', 'very satisfied'],
    comment: 'Anything else you would like to tell us? (optional)',
    submit: 'Send rating',
    thanks: 'Thank you for your rating!',
    change: 'You can still change your rating for a few minutes.',
    pick: 'Please choose a rating.',
    tooLong: 'The comment is too long (2000 characters at most).',
    expired: 'This survey link has expired.',
    used: 'This survey has already been answered. Thank you!',
    unknown: 'We do not know this survey link.',
  },
} as const;
