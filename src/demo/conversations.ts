// The demo workspace's customers: German and English, on the channels a shop really has.

import type { MessageMeta } from '../db/schema.js';

export interface DemoMessage {
  /** Who writes: the customer, an agent reply, or an internal note. */
  by: 'customer' | 'agent' | 'note';
  text: string;
  minutesAgo: number;
  meta?: MessageMeta;
}

export interface DemoConversation {
  channel: string;
  customer: { id: string; name: string; email?: string; phone?: string };
  subject?: string;
  visibility?: 'public' | 'private';
  status?: 'open' | 'pending' | 'resolved';
  priority?: 'low' | 'normal' | 'high' | 'urgent';
  tier?: 1 | 2 | 3;
  labels?: string[];
  messages: DemoMessage[];
}

export const DEMO_CHANNELS: { key: string; type: string; name: string }[] = [
  { key: 'email', type: 'email', name: 'service@nordlicht-shop.example' },
  { key: 'whatsapp', type: 'whatsapp', name: 'WhatsApp Kundenservice' },
  { key: 'facebook', type: 'facebook', name: 'Facebook: Nordlicht Shop' },
  { key: 'x', type: 'x', name: 'X: @nordlicht_shop' },
  { key: 'telegram', type: 'telegram', name: 'Telegram Bot' },
  { key: 'trustpilot', type: 'trustpilot', name: 'Trustpilot' },
  { key: 'webchat', type: 'webchat', name: 'Web-Chat' },
  { key: 'phone', type: 'phone', name: 'Hotline' },
  { key: 'letter', type: 'letter', name: 'Post & Fax' },
];

/** Tomorrow at 10:00 local time of the server, for the demo's callback. */
function tomorrowAtTen(): string {
  const d = new Date(Date.now() + 24 * 3_600_000);
  d.setHours(10, 0, 0, 0);
  return d.toISOString();
}

export const DEMO_CANNED = [
  { title: 'Danke für Ihre Nachricht', body: 'Hallo {{contact.firstName}},\n\nvielen Dank für Ihre Nachricht. Ich kümmere mich sofort darum.\n\nViele Grüße\n{{agent.name}}' },
  { title: 'Bestellnummer erfragen', body: 'Hallo {{contact.firstName}}, damit ich Ihnen schnell helfen kann: Wie lautet Ihre Bestellnummer? Viele Grüße, {{agent.name}}' },
  { title: 'Thanks for your message', body: 'Hi {{contact.firstName}},\n\nthanks for reaching out, I am on it.\n\nBest,\n{{agent.name}}' },
  { title: 'Lob: Dankeschön 😊', body: 'Wow, danke {{contact.firstName}}! Das freut das ganze Team riesig 😍 Viel Freude damit!' },
];

// First answer within 4 business hours, urgent cases within 1 hour around the clock, VIPs within 2 business hours.
export const DEMO_SLA_POLICIES = [
  { id: 'standard', name: 'Standard', match: {}, targets: { firstResponseMs: 4 * 3_600_000, resolutionMs: 3 * 24 * 3_600_000 }, businessHours: true },
  { id: 'urgent', name: 'Dringend', match: { priority: 'urgent' }, targets: { firstResponseMs: 3_600_000 }, businessHours: false },
  { id: 'vip', name: 'VIP', match: { customerGroup: 'vip' }, targets: { firstResponseMs: 2 * 3_600_000 }, businessHours: true },
];

export const DEMO_LABELS = ['Lieferung', 'Rechnung', 'Reklamation', 'Lob', 'VIP', 'Kündigung'];

export const DEMO_CONVERSATIONS: DemoConversation[] = [
  {
    channel: 'email',
    customer: { id: 'anna.schmidt@example.de', name: 'Anna Schmidt', email: 'anna.schmidt@example.de' },
    subject: 'Bestellung 100482 noch nicht angekommen',
    labels: ['Lieferung'],
    priority: 'high',
    messages: [
      { by: 'customer', text: 'Guten Tag,\n\nich habe am Montag die Bestellung 100482 aufgegeben (zwei Wolldecken) und laut Sendungsverfolgung hängt das Paket seit drei Tagen im Verteilzentrum Hannover. Können Sie bitte nachsehen, was los ist? Ich brauche die Decken bis Samstag.\n\nViele Grüße\nAnna Schmidt', minutesAgo: 190 },
      { by: 'agent', text: 'Hallo Frau Schmidt,\n\nvielen Dank für Ihre Nachricht. Ich habe beim Versanddienstleister einen Nachforschungsauftrag gestellt und melde mich spätestens morgen Mittag mit einer Antwort.\n\nHerzliche Grüße\nLea vom Nordlicht-Service', minutesAgo: 150 },
      { by: 'customer', text: 'Danke! Falls es nicht klappt: können Sie die Decken einfach noch einmal schicken?', minutesAgo: 35 },
    ],
  },
  {
    channel: 'whatsapp',
    customer: { id: '+4917612345678', name: 'Mehmet Yilmaz', phone: '+49 176 12345678' },
    labels: ['Rechnung'],
    messages: [
      { by: 'customer', text: 'Hallo, mir wurde die Rechnung 2024-5531 zweimal abgebucht 😕 Können Sie das bitte prüfen?', minutesAgo: 95 },
      { by: 'note', text: 'Doppelte Abbuchung in der Buchhaltung bestätigt, Erstattung angestoßen.', minutesAgo: 80 },
      { by: 'agent', text: 'Hallo Herr Yilmaz, das tut uns leid! Die doppelte Abbuchung ist bestätigt, das Geld ist in 2–3 Werktagen wieder auf Ihrem Konto.', minutesAgo: 78 },
      { by: 'customer', text: 'Super, danke für die schnelle Hilfe! 👍', minutesAgo: 60 },
    ],
    status: 'resolved',
  },
  {
    channel: 'facebook',
    customer: { id: 'fb-1002938475', name: 'Sabine Krüger' },
    visibility: 'public',
    priority: 'urgent',
    tier: 2,
    labels: ['Reklamation'],
    messages: [
      { by: 'customer', text: 'Dritte Mail, keine Antwort. Die Lampe kam kaputt an und niemand meldet sich. Wenn bis Freitag nichts passiert, gehe ich zur Verbraucherzentrale und poste das überall!', minutesAgo: 25 },
    ],
  },
  {
    channel: 'x',
    customer: { id: 'x-88123', name: '@tobi_hh' },
    visibility: 'public',
    labels: ['Lob'],
    messages: [
      { by: 'customer', text: 'Shoutout an @nordlicht_shop – Bestellung gestern Abend, heute schon da und super verpackt. So geht Versand! 🚀', minutesAgo: 300 },
      { by: 'agent', text: 'Danke, Tobi! Das freut das ganze Lager-Team riesig 😍 Viel Spaß mit der neuen Leuchte!', minutesAgo: 280 },
    ],
    status: 'resolved',
  },
  {
    channel: 'email',
    customer: { id: 'james.miller@example.co.uk', name: 'James Miller', email: 'james.miller@example.co.uk' },
    subject: 'Cancel my subscription',
    labels: ['Kündigung'],
    messages: [
      { by: 'customer', text: 'Hi,\n\nplease cancel my Nordlicht Plus subscription effective immediately. I was charged again this month although I asked for the cancellation two weeks ago.\n\nThanks,\nJames', minutesAgo: 720 },
    ],
  },
  {
    channel: 'telegram',
    customer: { id: 'tg-55123001', name: 'Olga Petrova' },
    messages: [
      { by: 'customer', text: 'Hello! Do you ship to Austria and how long does it take?', minutesAgo: 48 },
      { by: 'agent', text: 'Hi Olga! Yes, we ship to Austria – usually 2–4 working days, free from 50 €.', minutesAgo: 40 },
      { by: 'customer', text: 'Perfect, thank you!', minutesAgo: 38 },
    ],
    status: 'pending',
  },
  {
    channel: 'trustpilot',
    customer: { id: 'tp-review-77812', name: 'Klaus W.' },
    visibility: 'public',
    labels: ['Reklamation'],
    messages: [
      { by: 'customer', text: '★★☆☆☆ Ware ok, aber der Kundenservice hat eine Woche für eine Antwort gebraucht. Das geht besser.', minutesAgo: 1500 },
    ],
  },
  {
    channel: 'webchat',
    customer: { id: 'visitor-8f3a', name: 'Julia Becker', email: 'julia.becker@example.de' },
    messages: [
      { by: 'customer', text: 'Hallo, kann ich die Lieferadresse meiner Bestellung 100517 noch ändern? Ich ziehe nächste Woche um.', minutesAgo: 6 },
    ],
  },
  {
    channel: 'phone',
    customer: { id: '+4940555123', name: 'Heinz Vogel', phone: '040 555123' },
    subject: 'Rückruf: Garantiefall Stehleuchte',
    tier: 2,
    messages: [
      { by: 'customer', text: 'Meine Stehleuchte flackert nach 14 Monaten. Ist das ein Garantiefall?', minutesAgo: 400, meta: { call: { direction: 'inbound', durationSeconds: 372 } } },
      { by: 'note', text: 'Garantie geprüft, Austausch angeboten. Kunde wünscht Rückruf nach Rücksprache mit der Technik.', minutesAgo: 398 },
      { by: 'customer', text: 'Bitte zwischen 10 und 12 Uhr zurückrufen.', minutesAgo: 397, meta: { callback: { phone: '+4940555123', dueAt: tomorrowAtTen(), note: 'Bitte zwischen 10 und 12 Uhr zurückrufen.' } } },
    ],
  },
  {
    channel: 'email',
    customer: { id: 'mehmet.yilmaz@example.de', name: 'Mehmet Yilmaz', email: 'mehmet.yilmaz@example.de', phone: '+49 176 12345678' },
    subject: 'Frage zur Erstattung',
    messages: [
      { by: 'customer', text: 'Hallo nochmal, ich wollte nur fragen, ob die Erstattung schon unterwegs ist? Auf WhatsApp hieß es 2–3 Tage.', minutesAgo: 15 },
    ],
  },
  {
    channel: 'whatsapp',
    customer: { id: '+447700900123', name: 'Emily Clarke', phone: '+44 7700 900123' },
    labels: ['Lieferung'],
    messages: [
      { by: 'customer', text: 'My parcel says delivered but it is not here. Neighbours do not have it either. What can I do?', minutesAgo: 130 },
    ],
  },
  {
    channel: 'facebook',
    customer: { id: 'fb-2211', name: 'Petra Lange' },
    visibility: 'public',
    labels: ['Lob'],
    messages: [
      { by: 'customer', text: 'Die neuen Kissenbezüge sind traumhaft, genau wie auf den Fotos. Gerne wieder! ❤️', minutesAgo: 60 * 26 },
    ],
  },
  {
    channel: 'letter',
    customer: { id: 'gerda.hoffmann@example.de', name: 'Gerda Hoffmann', email: 'gerda.hoffmann@example.de' },
    subject: 'Widerruf Bestellung 100391 (Brief)',
    messages: [
      { by: 'customer', text: 'Sehr geehrte Damen und Herren,\n\nhiermit widerrufe ich meinen Kauf der Bestellung 100391 (Kaffeevollautomat). Das Gerät habe ich bereits originalverpackt zurückgeschickt. Bitte erstatten Sie mir den Kaufpreis auf mein Konto.\n\nMit freundlichen Grüßen\nGerda Hoffmann', minutesAgo: 1500, meta: { letter: { kind: 'letter' } } },
    ],
  },
];
