import { seededRandom } from '../../src/runtime/seeded-random.js';

// A realistic inbound mix: German and English, many contacts, threads, repeated deliveries.

const DE = [
  'Hallo, meine Bestellung {n} ist immer noch nicht angekommen. Können Sie nachsehen?',
  'Die Rechnung {n} wurde doppelt abgebucht, bitte erstatten.',
  'Ich möchte mein Abo kündigen, bitte bestätigen Sie die Kündigung.',
  'Super schneller Versand, vielen Dank! 😊',
  'Das Paket kam beschädigt an, die Lampe ist kaputt.',
  'Wie kann ich die Lieferadresse für Bestellung {n} ändern?',
  'Seit drei Tagen keine Antwort, das ist inakzeptabel.',
];
const EN = [
  'Hi, my order {n} has not arrived yet. Could you check?',
  'I was charged twice for invoice {n}, please refund.',
  'Please cancel my subscription effective immediately.',
  'Great service, thank you so much!',
  'The parcel arrived damaged and the lamp is broken.',
  'How do I change the delivery address for order {n}?',
];

export interface BenchMessage {
  externalId: string;
  from: { id: string; name: string; email?: string };
  text: string;
  threadKey?: string;
}

/** Deterministic: the same seed gives the same messages, so runs compare. */
export function generateMessages(count: number, contacts: number, duplicateShare = 0.1, seed = 42): BenchMessage[] {
  const rnd = seededRandom(seed);
  const out: BenchMessage[] = [];
  let fresh = 0;
  while (out.length < count) {
    if (out.length > 10 && rnd() < duplicateShare) {
      const again = out[Math.floor(rnd() * out.length)];
      if (again) out.push(again);
      continue;
    }
    const c = Math.floor(rnd() * contacts);
    const german = c % 3 !== 0;
    const pool = german ? DE : EN;
    const text = (pool[Math.floor(rnd() * pool.length)] ?? '').replace('{n}', String(100000 + Math.floor(rnd() * 900000)));
    out.push({
      externalId: `bench-${seed}-${fresh++}`,
      from: { id: `contact-${c}`, name: german ? `Kundin ${c}` : `Customer ${c}`, ...(c % 2 === 0 && { email: `c${c}@example.org` }) },
      text,
      ...(c % 4 === 0 && { threadKey: `order-${c}-${Math.floor(rnd() * 3)}` }),
    });
  }
  return out;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}
