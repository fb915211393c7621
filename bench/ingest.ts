// Inbound throughput through the whole webhook path (HTTP → validate → dedupe → contact →
// thread → persist with outbox → publish), against a raw batched INSERT of the same rows.
import { sql } from 'kysely';
import { generateMessages, percentile } from './support/messages.js';
import { benchTenant, progress, runLoad, sampleRss, startBenchParley } from './support/server.js';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 20_000);
const CONTACTS = 4_000;
const CONCURRENCY = 64;
const PACED_RATE = 1_000;
const PACED_SECONDS = 5;

export async function run(): Promise<Record<string, number>> {
  const { parley, dispose } = await startBenchParley();
  const peakRss = sampleRss();
  try {
    const tenant = await benchTenant(parley, 'bench-ingest');
    const channel = await parley.db
      .insertInto('channels')
      .values({ workspaceId: tenant.workspaceId, type: 'api', name: 'bench', settings: '{}' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const messages = generateMessages(MESSAGES, CONTACTS);

    progress(`Warming up…`);
    await runLoad({ mode: 'throughput', url: parley.url, token: tenant.token, channelId: channel.id, messages: generateMessages(1000, 200, 0.1, 7), concurrency: CONCURRENCY });

    progress(`Posting ${MESSAGES} messages (${Math.round(MESSAGES * 0.1)} repeated deliveries) with ${CONCURRENCY} concurrent clients…`);
    const load = await runLoad({ mode: 'throughput', url: parley.url, token: tenant.token, channelId: channel.id, messages, concurrency: CONCURRENCY });
    const handled = load.accepted + load.duplicates;
    const messagesPerSecond = handled / (load.elapsedMs / 1000);
    progress(`  ${Math.round(messagesPerSecond)} messages/s (${load.accepted} stored, ${load.duplicates} duplicates, ${load.errors} errors)`);

    progress(`Offering ${PACED_RATE} messages/s for ${PACED_SECONDS} s and timing accept → WebSocket event…`);
    const paced = await runLoad({
      mode: 'paced',
      url: parley.url,
      token: tenant.token,
      channelId: channel.id,
      messages: generateMessages(PACED_RATE * PACED_SECONDS, CONTACTS, 0, 99),
      concurrency: 256,
      ratePerSecond: PACED_RATE,
    });
    const lat = [...paced.latenciesMs].sort((a, b) => a - b);
    progress(`  ${lat.length} events timed, ${paced.errors} errors`);

    progress('Baseline: batched INSERT of the same message rows…');
    const conv = await parley.db
      .selectFrom('conversations')
      .select(['id', 'contactId'])
      .where('workspaceId', '=', tenant.workspaceId)
      .limit(1)
      .executeTakeFirstOrThrow();
    const baselineStart = performance.now();
    const BATCH = 500;
    for (let i = 0; i < messages.length; i += BATCH) {
      const rows = messages.slice(i, i + BATCH).map((m, j) => ({
        workspaceId: tenant.workspaceId,
        conversationId: conv.id,
        channelId: channel.id,
        direction: 'inbound' as const,
        externalId: `baseline-${i + j}`,
        contactId: conv.contactId,
        text: m.text,
        attachments: '[]',
      }));
      await parley.db.insertInto('messages').values(rows).execute();
    }
    const baselineRowsPerSecond = messages.length / ((performance.now() - baselineStart) / 1000);
    const stored = await sql<{ n: number }>`SELECT count(*)::int AS n FROM messages WHERE channel_id = ${channel.id} AND external_id LIKE 'bench-42-%'`.execute(parley.db);

    return {
      messagesPerSecond: Math.round(messagesPerSecond),
      baselineRowsPerSecond: Math.round(baselineRowsPerSecond),
      ratio: Math.round((messagesPerSecond / baselineRowsPerSecond) * 1000) / 1000,
      p50Ms: Math.round(percentile(lat, 50) * 10) / 10,
      p99Ms: Math.round(percentile(lat, 99) * 10) / 10,
      pacedRate: PACED_RATE,
      eventsTimed: lat.length,
      storedUnique: stored.rows[0]?.n ?? 0,
      errors: load.errors + paced.errors,
      rssMb: peakRss(),
    };
  } finally {
    await dispose();
  }
}
