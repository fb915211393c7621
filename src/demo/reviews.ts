import type { Kysely } from 'kysely';
import { messageFromReview, type Review } from '../channels/review-message.js';
import type { Database } from '../db/schema.js';
import { acceptInbound } from '../pipeline/accept-inbound.js';
import type { InboundHook } from '../pipeline/hooks.js';
import { replaceOwnershipRules } from '../reviews/ownership-rules.js';
import { createReplyTemplate, type ReplyTemplateInput } from '../reviews/reply-templates.js';

// The demo's review inbox: reviews on three portals, a matrix in which marketing approves what
// service answers to angry reviewers and answers praise itself, and templates in both languages.

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);

const REVIEWS: { portal: 'trustpilot' | 'google' | 'trusted_shops'; review: Review }[] = [
  { portal: 'trustpilot', review: { id: 'demo-tp-1', rating: 1, title: 'Zwei Wochen und nichts', text: 'Meine Bestellung ist seit zwei Wochen überfällig, auf Nachfragen kommt nichts. Sehr enttäuschend.', author: 'Petra K.', language: 'de', createdAt: hoursAgo(30) } },
  { portal: 'trustpilot', review: { id: 'demo-tp-2', rating: 5, title: 'Traumhaft', text: 'Die Stehlampe ist traumhaft schön und kam super verpackt an. Danke an das ganze Team!', author: 'Moritz Hahn', language: 'de', createdAt: hoursAgo(5) } },
  { portal: 'google', review: { id: 'demo-g-1', rating: 4, text: 'Lovely shop, friendly staff, great lamps. Parking is a bit tricky.', author: 'Emily Clarke', language: 'en', createdAt: hoursAgo(20) } },
  { portal: 'google', review: { id: 'demo-g-2', rating: 2, text: 'Lange Wartezeit an der Kasse, nur eine Kasse offen.', author: 'Max M.', language: 'de', createdAt: hoursAgo(50) } },
  { portal: 'trusted_shops', review: { id: 'demo-ts-1', rating: 3, title: 'Geht so', text: 'Preis in Ordnung, die Lieferung hat aber länger gedauert als angegeben.', author: 'Sabine R.', language: 'de', createdAt: hoursAgo(70) } },
];

const TEMPLATES: ReplyTemplateInput[] = [
  { name: 'Kritik (de)', language: 'de', minRating: 1, maxRating: 2, category: null, body: 'Hallo {{reviewer.firstName}}, es tut uns wirklich leid, dass Sie enttäuscht wurden. Wir möchten das wiedergutmachen: Bitte schreiben Sie uns über unser Kontaktformular, dann kümmern wir uns persönlich darum. Viele Grüße, {{agent.name}}' },
  { name: 'Lieferung verspätet (de)', language: 'de', minRating: 1, maxRating: 3, category: 'delivery', body: 'Hallo {{reviewer.firstName}}, entschuldigen Sie die lange Lieferzeit. Wir prüfen Ihre Sendung sofort – schreiben Sie uns bitte privat, damit wir Ihre Bestellung zuordnen können. Viele Grüße, {{agent.name}}' },
  { name: 'Mittel (de)', language: 'de', minRating: 3, maxRating: 3, category: null, body: 'Hallo {{reviewer.firstName}}, danke für Ihre ehrliche Bewertung auf {{portal}}! Wir arbeiten daran, dass es beim nächsten Mal fünf Sterne werden. Viele Grüße, {{agent.name}}' },
  { name: 'Lob (de)', language: 'de', minRating: 4, maxRating: 5, category: null, body: 'Hallo {{reviewer.firstName}}, wow – vielen Dank! 😍 Das freut das ganze Team riesig. Viel Freude damit und bis bald! 🌟 {{agent.name}}' },
  { name: 'Criticism (en)', language: 'en', minRating: 1, maxRating: 2, category: null, body: 'Hi {{reviewer.firstName}}, we are truly sorry to hear this. Please get in touch through our contact form so we can put it right personally. Best, {{agent.name}}' },
  { name: 'Neutral (en)', language: 'en', minRating: 3, maxRating: 3, category: null, body: 'Hi {{reviewer.firstName}}, thanks for your honest review on {{portal}}! We are working on earning that fifth star. Best, {{agent.name}}' },
  { name: 'Praise (en)', language: 'en', minRating: 4, maxRating: 5, category: null, body: 'Hi {{reviewer.firstName}}, thank you so much! 😊 The whole team is delighted. Enjoy, and see you soon! ✨ {{agent.name}}' },
];

export async function seedDemoReviews(db: Kysely<Database>, workspaceId: string, trustpilot: { id: string; workspaceId: string; type: string; disabledAt: Date | null }, hooks: InboundHook[]): Promise<void> {
  const channels = { trustpilot, google: await demoChannel(db, workspaceId, 'google_reviews', 'Google: Nordlicht Shop Hamburg'), trusted_shops: await demoChannel(db, workspaceId, 'review_import', 'Trusted Shops', { portal: 'Trusted Shops' }) };
  for (const { portal, review } of REVIEWS) await acceptInbound(db, channels[portal], messageFromReview(review), hooks);
  await replaceOwnershipRules(db, workspaceId, [
    { minRating: 1, maxRating: 2, product: null, category: null, brandId: null, department: 'service', approvalDepartment: 'marketing' },
    { minRating: 4, maxRating: 5, product: null, category: null, brandId: null, department: 'marketing', approvalDepartment: null },
    { minRating: 1, maxRating: 5, product: null, category: null, brandId: null, department: 'service', approvalDepartment: null },
  ]);
  for (const t of TEMPLATES) await createReplyTemplate(db, workspaceId, t);
}

async function demoChannel(db: Kysely<Database>, workspaceId: string, type: string, name: string, settings: Record<string, unknown> = { sandbox: true }) {
  return db.insertInto('channels').values({ workspaceId, type, name, settings: JSON.stringify(settings) }).returning(['id', 'workspaceId', 'type', 'disabledAt']).executeTakeFirstOrThrow();
}
