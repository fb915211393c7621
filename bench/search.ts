// Ranked full-text search with filters over 1,000,000 messages, through the API, against the
// plain inbox list (no search) measured in the same run.
import { sql } from 'kysely';
import { percentile } from './support/messages.js';
import { benchTenant, progress, startBenchParley } from './support/server.js';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 1_000_000);
const CONVERSATIONS = Math.round(MESSAGES / 5);
const CONTACTS = Math.round(MESSAGES / 50);
const QUERIES = 200;

const WORDS_DE = ['Lieferung', 'Paket', 'Rechnung', 'Erstattung', 'Kündigung', 'Bestellung', 'beschädigt', 'Lampe', 'Decke', 'Kissen', 'Gutschein', 'Rücksendung', 'Abbuchung', 'Adresse', 'Zahlung', 'verspätet', 'kaputt', 'Umtausch', 'Garantie', 'Versand'];
const WORDS_EN = ['delivery', 'parcel', 'invoice', 'refund', 'cancel', 'order', 'damaged', 'lamp', 'blanket', 'pillow', 'voucher', 'return', 'charge', 'address', 'payment', 'late', 'broken', 'exchange', 'warranty', 'shipping'];
const QUERY_TERMS = ['Lieferung', 'Rechnung erstattet', '"Paket beschädigt"', 'Kündigung -Gutschein', 'Garantie Lampe', 'refund', 'broken lamp', '"late delivery"', 'warranty OR exchange', 'Umtausch', 'Zahlungen', 'voucher', 'Rücksendungen', 'Kissen'];

function sqlArray(words: string[]): string {
  return `ARRAY[${words.map((w) => `'${w}'`).join(',')}]`;
}

export async function run(): Promise<Record<string, number>> {
  const { parley, dispose } = await startBenchParley();
  try {
    const tenant = await benchTenant(parley, 'bench-search');
    const ws = tenant.workspaceId;
    const db = parley.db;
    progress(`Loading ${CONTACTS} contacts, ${CONVERSATIONS} conversations and ${MESSAGES} messages (a few minutes)…`);
    const started = Date.now();
    await sql`INSERT INTO channels (workspace_id, type, name) SELECT ${ws}, t, initcap(t) FROM unnest(ARRAY['email','whatsapp','facebook','x','api']) AS t`.execute(db);
    await sql`INSERT INTO contacts (workspace_id, name) SELECT ${ws}, 'Kunde ' || g FROM generate_series(1, ${CONTACTS}::int) g`.execute(db);
    await sql`
      INSERT INTO conversations (workspace_id, channel_id, contact_id, status, tier, last_message_at, created_at)
      SELECT ${ws}, ch.ids[1 + (g % 5)], co.ids[1 + (g % ${CONTACTS}::int)],
             (ARRAY['open','pending','resolved','closed','open'])[1 + ((g / 5) % 5)], 1 + (g % 7 = 0)::int + (g % 31 = 0)::int,
             now() - make_interval(secs => g * 37 % 15552000), now() - make_interval(secs => g * 37 % 15552000)
      FROM generate_series(1, ${CONVERSATIONS}::int) g,
           (SELECT array_agg(id ORDER BY id) AS ids FROM channels WHERE workspace_id = ${ws}) ch,
           (SELECT array_agg(id ORDER BY id) AS ids FROM contacts WHERE workspace_id = ${ws}) co`.execute(db);
    progress(`  conversations loaded (${Math.round((Date.now() - started) / 1000)} s)`);
    await sql`DROP INDEX conversations_search`.execute(db);
    await sql`CREATE UNLOGGED TABLE bench_conversations AS SELECT (row_number() OVER (ORDER BY id))::int AS n, id, channel_id, last_message_at FROM conversations WHERE workspace_id = ${ws}`.execute(db);
    await sql`CREATE UNIQUE INDEX ON bench_conversations (n)`.execute(db);
    const batch = 100_000;
    for (let from = 0; from < MESSAGES; from += batch) {
      await sql`
        INSERT INTO messages (workspace_id, conversation_id, channel_id, direction, text, created_at)
        SELECT ${ws}, cv.id, cv.channel_id, CASE WHEN g % 3 = 0 THEN 'outbound' ELSE 'inbound' END,
               CASE WHEN g % 3 = 1
                 THEN 'Hi, my ' || (${sql.raw(sqlArray(WORDS_EN))})[1 + (g * 7) % 20] || ' is ' || (${sql.raw(sqlArray(WORDS_EN))})[1 + (g * 13) % 20] || ', order ' || (100000 + g % 900000) || '. ' || (${sql.raw(sqlArray(WORDS_EN))})[1 + (g * 17) % 20] || ' please.'
                 ELSE 'Hallo, meine ' || (${sql.raw(sqlArray(WORDS_DE))})[1 + (g * 7) % 20] || ' ist ' || (${sql.raw(sqlArray(WORDS_DE))})[1 + (g * 13) % 20] || ', Bestellnummer ' || (100000 + g % 900000) || '. Bitte um ' || (${sql.raw(sqlArray(WORDS_DE))})[1 + (g * 17) % 20] || '.'
               END,
               cv.last_message_at - make_interval(secs => (g % 5) * 600)
        FROM generate_series(${from + 1}::int, ${Math.min(from + batch, MESSAGES)}::int) g
        JOIN bench_conversations cv ON cv.n = 1 + g % ${CONVERSATIONS}::int`.execute(db);
      progress(`  ${Math.min(from + batch, MESSAGES)} messages (${Math.round((Date.now() - started) / 1000)} s)`);
    }
    await sql`DROP TABLE bench_conversations`.execute(db);
    progress('  building the conversations\' search vectors and their index…');
    await sql`
      UPDATE conversations c SET search = search_vector(c.subject, m.body)
      FROM (SELECT conversation_id, string_agg(text, ' ') AS body FROM messages WHERE workspace_id = ${ws} GROUP BY conversation_id) m
      WHERE m.conversation_id = c.id`.execute(db);
    await sql`CREATE INDEX conversations_search ON conversations USING gin (search)`.execute(db);
    await sql`ANALYZE`.execute(db);
    progress(`Loaded in ${Math.round((Date.now() - started) / 1000)} s. Running ${QUERIES} searches and ${QUERIES} plain inbox lists…`);

    const filters = ['', '&status=open,pending', '&tier=2', '&channelType=email', '&status=resolved&channelType=whatsapp'];
    async function timed(url: string): Promise<number> {
      const t0 = performance.now();
      const res = await fetch(parley.url + url, { headers: { authorization: `Bearer ${tenant.token}` } });
      const body = (await res.json()) as { items?: unknown[] };
      if (!res.ok || !Array.isArray(body.items)) throw new Error(`${url}: ${res.status}`);
      return performance.now() - t0;
    }
    for (let i = 0; i < 20; i++) await timed(`/api/v1/conversations?q=${encodeURIComponent(QUERY_TERMS[i % QUERY_TERMS.length] ?? '')}&limit=25`);
    const search: number[] = [];
    const list: number[] = [];
    for (let i = 0; i < QUERIES; i++) {
      const q = encodeURIComponent(QUERY_TERMS[i % QUERY_TERMS.length] ?? '');
      const f = filters[i % filters.length] ?? '';
      search.push(await timed(`/api/v1/conversations?q=${q}${f}&limit=25`));
      list.push(await timed(`/api/v1/conversations?limit=25${f}`));
    }
    search.sort((a, b) => a - b);
    list.sort((a, b) => a - b);
    const count = await sql<{ n: number }>`SELECT count(*)::int AS n FROM messages WHERE workspace_id = ${ws}`.execute(db);
    return {
      messages: count.rows[0]?.n ?? 0,
      queries: QUERIES,
      p50Ms: Math.round(percentile(search, 50) * 10) / 10,
      p95Ms: Math.round(percentile(search, 95) * 10) / 10,
      baselineListP95Ms: Math.round(percentile(list, 95) * 10) / 10,
      ratio: Math.round((percentile(search, 95) / Math.max(0.1, percentile(list, 95))) * 100) / 100,
    };
  } finally {
    await dispose();
  }
}
