export type WidgetLocale = 'de' | 'en';

export const strings = {
  de: {
    open: 'Chat öffnen',
    close: 'Chat schließen',
    placeholder: 'Nachricht schreiben…',
    send: 'Senden',
    name: 'Ihr Name',
    email: 'Ihre E-Mail-Adresse',
    start: 'Chat starten',
    typing: 'schreibt…',
    offline: 'Wir sind gerade nicht erreichbar. Hinterlassen Sie Ihre E-Mail-Adresse, wir antworten per E-Mail.',
    online: 'Wir sind online',
    failed: 'Nachricht konnte nicht gesendet werden. Bitte erneut versuchen.',
    attach: 'Datei anhängen',
  },
  en: {
    open: 'Open chat',
    close: 'Close chat',
    placeholder: 'Write a message…',
    send: 'Send',
    name: 'Your name',
    email: 'Your e-mail address',
    start: 'Start chat',
    typing: 'is typing…',
    offline: 'We are away right now. Leave your e-mail address and we will answer by e-mail.',
    online: 'We are online',
    failed: 'The message could not be sent. Please try again.',
    attach: 'Attach a file',
  },
} as const;

export function pickWidgetLocale(attribute: string | null, languages: readonly string[]): WidgetLocale {
  for (const tag of [attribute ?? '', ...languages]) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'de' || base === 'en') return base;
  }
  return 'de';
}
