// Inbound throughput through a provider's webhook handler (signature check, payload parsing,
// then the one ingestion path), against the core API channel's rate measured in the same run;
// and e-mail over SMTP, MIME parsing and HTML sanitising included.
import { createChannel } from '../src/db/channels.js';
import { metaDeliveryHeaders } from '../src/channels/meta/fake.js';
import { whatsappTextWebhook } from '../src/channels/whatsapp/fake.js';
import { createSecretBox, loadSecretKey } from '../src/security/secret-box.js';
import type { BenchMail, RawRequest } from './support/load-worker.js';
import { generateMessages, percentile } from './support/messages.js';
import { benchTenant, progress, runLoad, startBenchParley } from './support/server.js';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 10_000);
const CONTACTS = 2_000;
const CONCURRENCY = 64;
const PHONE_ID = '100200300400';
const APP_SECRET = 'bench-app-secret-0123456789';
const MAILS = Number(process.env.BENCH_MAILS ?? 3_000);
// As many connections as the HTTP clients: mail servers deliver side by side, each waiting for 250.
const SMTP_CONCURRENCY = CONCURRENCY;
const MAILBOX = 'service@bench.example';

/** Mails as customers write them: a plain and an HTML part, umlauts, and markup that must go. */
function benchMails(messages: { from: { id: string; name: string }; text: string }[]): BenchMail[] {
  return messages.map((m, i) => ({
    from: `"${m.from.name}" <${m.from.id}@kunden.example>`,
    to: MAILBOX,
    subject: `Anfrage ${i}: ${m.text.slice(0, 40)}`,
    text: `${m.text}\n\nMit freundlichen Grüßen\n${m.from.name}`,
    html: `<div style="font-family:Arial"><p>${m.text}</p><p onclick="steal()">Mit freundlichen Grüßen<br><b>${m.from.name}</b></p><script>alert(1)</script><img src="https://tracker.example/p.gif"></div>`,
  }));
}

export async function run(): Promise<Record<string, number>> {
  const { parley, dataDir, dispose } = await startBenchParley({ smtpPort: 0 });
  try {
    const tenant = await benchTenant(parley, 'bench-channels');
    const box = createSecretBox(loadSecretKey(process.env, dataDir));
    const api = await createChannel(parley.db, box, tenant.workspaceId, { type: 'api', name: 'API' });
    const whatsapp = await createChannel(parley.db, box, tenant.workspaceId, {
      type: 'whatsapp',
      name: 'WhatsApp',
      settings: { phoneNumberId: PHONE_ID },
      secrets: { appSecret: APP_SECRET, verifyToken: 'bench-verify-token', accessToken: 'bench-access-token' },
    });
    const messages = generateMessages(MESSAGES, CONTACTS, 0, 11);
    // The same people and texts as signed WhatsApp deliveries, so both runs store the same work.
    const phones = new Map<string, string>();
    const deliveries: RawRequest[] = messages.map((m) => {
      const from = phones.get(m.from.id) ?? String(4915100000000 + phones.size);
      phones.set(m.from.id, from);
      const body = whatsappTextWebhook(PHONE_ID, { id: `wamid.${m.externalId}`, from, name: m.from.name, text: m.text });
      return { path: `/webhooks/whatsapp/${whatsapp.channel.id}`, headers: metaDeliveryHeaders(APP_SECRET, body), body };
    });

    await createChannel(parley.db, box, tenant.workspaceId, { type: 'email', name: 'E-mail', settings: { address: MAILBOX } });

    progress('Warming up…');
    await runLoad({ mode: 'throughput', url: parley.url, token: tenant.token, channelId: api.channel.id, messages: generateMessages(1000, 200, 0, 5), concurrency: CONCURRENCY });

    progress(`API channel: ${MESSAGES} messages with ${CONCURRENCY} concurrent clients…`);
    const apiLoad = await runLoad({ mode: 'throughput', url: parley.url, token: tenant.token, channelId: api.channel.id, messages, concurrency: CONCURRENCY });
    const apiPerSecond = apiLoad.accepted / (apiLoad.elapsedMs / 1000);
    progress(`  ${Math.round(apiPerSecond)} messages/s (${apiLoad.errors} errors)`);

    progress(`WhatsApp webhook: ${MESSAGES} signed deliveries with ${CONCURRENCY} concurrent clients…`);
    const hookLoad = await runLoad({ mode: 'raw', url: parley.url, token: tenant.token, channelId: whatsapp.channel.id, messages: [], raw: deliveries, concurrency: CONCURRENCY });
    const webhookPerSecond = hookLoad.accepted / (hookLoad.elapsedMs / 1000);
    const lat = [...hookLoad.latenciesMs].sort((a, b) => a - b);
    progress(`  ${Math.round(webhookPerSecond)} deliveries/s (${hookLoad.errors} errors)`);

    progress(`E-mail: ${MAILS} mails over SMTP with ${SMTP_CONCURRENCY} connections…`);
    const mailLoad = await runLoad({ mode: 'smtp', url: parley.url, token: '', channelId: '', messages: [], mails: benchMails(generateMessages(MAILS, CONTACTS, 0, 23)), smtpPort: parley.smtpPort ?? 0, concurrency: SMTP_CONCURRENCY });
    const emailPerSecond = mailLoad.accepted / (mailLoad.elapsedMs / 1000);
    const mailLat = [...mailLoad.latenciesMs].sort((a, b) => a - b);
    progress(`  ${Math.round(emailPerSecond)} mails/s (${mailLoad.errors} errors)`);

    return {
      apiPerSecond: Math.round(apiPerSecond),
      webhookPerSecond: Math.round(webhookPerSecond),
      webhookRatio: Math.round((webhookPerSecond / apiPerSecond) * 1000) / 1000,
      webhookP50Ms: Math.round(percentile(lat, 50) * 10) / 10,
      webhookP99Ms: Math.round(percentile(lat, 99) * 10) / 10,
      emailPerSecond: Math.round(emailPerSecond),
      emailP99Ms: Math.round(percentile(mailLat, 99) * 10) / 10,
      errors: apiLoad.errors + hookLoad.errors + mailLoad.errors,
    };
  } finally {
    await dispose();
  }
}
