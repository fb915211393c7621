import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { createKbCategory } from '../db/kb-categories.js';
import { createArticle, publishArticle } from '../kb/articles.js';

interface DemoTopic {
  category: string;
  tags: string[];
  de: { title: string; body: string };
  en: { title: string; body: string };
}

export const DEMO_KB_CATEGORIES = [
  { slug: 'returns', nameDe: 'Rücksendung & Erstattung', nameEn: 'Returns & refunds' },
  { slug: 'delivery', nameDe: 'Lieferung', nameEn: 'Delivery' },
  { slug: 'payment', nameDe: 'Zahlung', nameEn: 'Payment' },
  { slug: 'account', nameDe: 'Kundenkonto', nameEn: 'Your account' },
];

export const DEMO_TOPICS: DemoTopic[] = [
  {
    category: 'returns',
    tags: ['retoure', 'return'],
    de: { title: 'Wie funktioniert die Rücksendung?', body: 'Sie können jede Bestellung **30 Tage** lang zurücksenden.\n\n1. Melden Sie sich im Kundenkonto an und wählen Sie *Rücksendung anmelden*.\n2. Drucken Sie das kostenlose Retourenlabel aus.\n3. Geben Sie das Paket bei einer DHL-Filiale ab.\n\nSobald die Ware bei uns ist, erhalten Sie eine E-Mail.' },
    en: { title: 'How do returns work?', body: 'You can return any order within **30 days**.\n\n1. Sign in to your account and choose *Register a return*.\n2. Print the free return label.\n3. Drop the parcel off at a DHL shop.\n\nWe e-mail you as soon as the goods arrive.' },
  },
  {
    category: 'returns',
    tags: ['erstattung', 'refund'],
    de: { title: 'Wann bekomme ich meine Erstattung?', body: 'Die Erstattung veranlassen wir innerhalb von **3 Werktagen** nach Eingang der Rücksendung. Je nach Zahlungsart dauert die Gutschrift:\n\n| Zahlungsart | Dauer |\n|---|---|\n| PayPal | 1–2 Tage |\n| Kreditkarte | 3–5 Tage |\n| Rechnung | sofort verrechnet |' },
    en: { title: 'When will I get my refund?', body: 'We issue the refund within **3 working days** after your return arrives. How long it takes to show depends on how you paid:\n\n| Payment | Time |\n|---|---|\n| PayPal | 1–2 days |\n| Credit card | 3–5 days |\n| Invoice | settled at once |' },
  },
  {
    category: 'returns',
    tags: ['umtausch', 'exchange'],
    de: { title: 'Kann ich einen Artikel umtauschen?', body: 'Ja. Senden Sie den Artikel wie bei einer Rücksendung zurück und bestellen Sie die gewünschte Größe oder Farbe neu. So erhalten Sie den neuen Artikel am schnellsten.' },
    en: { title: 'Can I exchange an item?', body: 'Yes. Return the item as you would any return and order the size or colour you want as a new order. That is the fastest way to get the new item.' },
  },
  {
    category: 'delivery',
    tags: ['lieferzeit', 'delivery time'],
    de: { title: 'Wie lange dauert die Lieferung?', body: 'Innerhalb Deutschlands liefern wir in **2–3 Werktagen**, nach Österreich und in die Schweiz in 3–5 Werktagen. Bestellungen bis 14 Uhr verlassen unser Lager am selben Tag.' },
    en: { title: 'How long does delivery take?', body: 'Within Germany we deliver in **2–3 working days**, to Austria and Switzerland in 3–5 working days. Orders placed by 2 pm leave our warehouse the same day.' },
  },
  {
    category: 'delivery',
    tags: ['sendungsverfolgung', 'tracking'],
    de: { title: 'Wo ist mein Paket? Sendungsverfolgung', body: 'Sobald Ihr Paket unterwegs ist, senden wir Ihnen eine Versandbestätigung mit der Sendungsnummer. Über den Link in dieser E-Mail verfolgen Sie Ihr Paket beim Paketdienst.' },
    en: { title: 'Where is my parcel? Tracking', body: 'As soon as your parcel is on its way we send you a shipping confirmation with the tracking number. The link in that e-mail shows where your parcel is.' },
  },
  {
    category: 'delivery',
    tags: ['beschädigt', 'damaged'],
    de: { title: 'Meine Lieferung ist beschädigt angekommen', body: 'Das tut uns leid! Bitte fotografieren Sie Verpackung und Ware und schreiben Sie uns über das Kontaktformular. Sie bekommen kostenlos Ersatz oder Ihr Geld zurück, ganz wie Sie möchten.' },
    en: { title: 'My delivery arrived damaged', body: 'We are sorry! Please take photos of the packaging and the goods and write to us through the contact form. You get a free replacement or your money back, whichever you prefer.' },
  },
  {
    category: 'payment',
    tags: ['zahlungsarten', 'payment methods'],
    de: { title: 'Welche Zahlungsarten gibt es?', body: 'Sie können mit **PayPal**, Kreditkarte (Visa, Mastercard), Sofortüberweisung oder auf Rechnung bezahlen. Die Zahlung per Rechnung steht ab der zweiten Bestellung zur Verfügung.' },
    en: { title: 'Which payment methods can I use?', body: 'You can pay with **PayPal**, credit card (Visa, Mastercard), instant bank transfer or by invoice. Paying by invoice is available from your second order.' },
  },
  {
    category: 'payment',
    tags: ['rechnung', 'invoice'],
    de: { title: 'Zahlung per Rechnung: Wann ist sie fällig?', body: 'Eine Rechnung ist **14 Tage** nach dem Versand fällig. Die Rechnung liegt dem Paket bei und steht im Kundenkonto als PDF bereit.' },
    en: { title: 'Paying by invoice: when is it due?', body: 'An invoice is due **14 days** after shipping. It comes with the parcel and is available as a PDF in your account.' },
  },
  {
    category: 'account',
    tags: ['passwort', 'password'],
    de: { title: 'Passwort vergessen: So setzen Sie es zurück', body: 'Klicken Sie bei der Anmeldung auf *Passwort vergessen?* und geben Sie Ihre E-Mail-Adresse ein. Sie erhalten einen Link, der 24 Stunden gültig ist.' },
    en: { title: 'Forgot your password? How to reset it', body: 'Click *Forgot password?* on the sign-in page and enter your e-mail address. You will receive a link that is valid for 24 hours.' },
  },
  {
    category: 'account',
    tags: ['konto löschen', 'delete account', 'datenschutz'],
    de: { title: 'Wie lösche ich mein Kundenkonto?', body: 'Schreiben Sie uns über das Kontaktformular. Wir löschen Ihr Konto und Ihre Daten innerhalb von 30 Tagen, soweit keine gesetzlichen Aufbewahrungsfristen (z. B. für Rechnungen) bestehen.' },
    en: { title: 'How do I delete my account?', body: 'Write to us through the contact form. We delete your account and your data within 30 days, except what the law requires us to keep (such as invoices).' },
  },
];

/** The demo shop's help center: every topic in German and English, linked as translations and published. */
export async function seedDemoArticles(db: Kysely<Database>, workspaceId: string, adminId: string): Promise<void> {
  const categories = new Map<string, string>();
  for (const c of DEMO_KB_CATEGORIES) categories.set(c.slug, (await createKbCategory(db, workspaceId, { ...c, position: categories.size })).id);
  const admin = { userId: adminId, role: 'admin' as const };
  for (const topic of DEMO_TOPICS) {
    const categoryId = categories.get(topic.category) ?? null;
    const de = await createArticle(db, workspaceId, admin, { language: 'de', title: topic.de.title, bodyMd: topic.de.body, categoryId, tags: topic.tags });
    const en = await createArticle(db, workspaceId, admin, { language: 'en', title: topic.en.title, bodyMd: topic.en.body, categoryId, tags: topic.tags, translationOf: de.id });
    await publishArticle(db, workspaceId, de.id, admin);
    await publishArticle(db, workspaceId, en.id, admin);
  }
}
