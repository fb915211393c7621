import type { ArticleLanguage } from '../../db/schema.js';

// Every word the public help center shows, in both languages.
const STRINGS = {
  de: {
    helpCenter: 'Hilfe-Center',
    searchLabel: 'Hilfe-Artikel durchsuchen',
    searchPlaceholder: 'Wonach suchen Sie? z. B. Rücksendung',
    searchButton: 'Suchen',
    resultsFor: 'Ergebnisse für',
    noResults: 'Keine passenden Artikel gefunden. Versuchen Sie ein anderes Wort.',
    categories: 'Themen',
    otherArticles: 'Weitere Artikel',
    related: 'Verwandte Artikel',
    wasHelpful: 'War dieser Artikel hilfreich?',
    yes: 'Ja',
    no: 'Nein',
    thanks: 'Danke für Ihre Rückmeldung!',
    tooMany: 'Zu viele Rückmeldungen in kurzer Zeit. Bitte versuchen Sie es später noch einmal.',
    notFound: 'Diese Seite gibt es nicht (mehr).',
    backHome: 'Zur Startseite des Hilfe-Centers',
    updated: 'Aktualisiert am',
    otherLanguage: 'English',
    languageSwitch: 'Sprache wechseln',
    noArticles: 'Noch keine Artikel.',
  },
  en: {
    helpCenter: 'Help center',
    searchLabel: 'Search help articles',
    searchPlaceholder: 'What are you looking for? e.g. refund',
    searchButton: 'Search',
    resultsFor: 'Results for',
    noResults: 'No matching articles found. Try another word.',
    categories: 'Topics',
    otherArticles: 'More articles',
    related: 'Related articles',
    wasHelpful: 'Was this article helpful?',
    yes: 'Yes',
    no: 'No',
    thanks: 'Thank you for your feedback!',
    tooMany: 'Too much feedback in a short time. Please try again later.',
    notFound: 'This page does not exist (any more).',
    backHome: 'Back to the help center',
    updated: 'Updated on',
    otherLanguage: 'Deutsch',
    languageSwitch: 'Change language',
    noArticles: 'No articles yet.',
  },
} satisfies Record<ArticleLanguage, Record<string, string>>;

export type HelpStrings = (typeof STRINGS)['de'];

export function helpStrings(language: ArticleLanguage): HelpStrings {
  return STRINGS[language];
}
