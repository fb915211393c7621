import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { buildApp } from './api/app.js';
import { REPLY_TOKEN_PURPOSE } from './channels/email/adapter.js';
import { type ImapSync, startImapSync } from './channels/email/imap-sync.js';
import { type SmtpListener, startSmtpListener } from './channels/email/smtp-listener.js';
import type { ApiContext } from './api/context.js';
import { createRateLimits } from './api/rate-limiter.js';
import { createStreamHub } from './api/stream.js';
import { createVisitorHub } from './api/visitor-hub.js';
import type { EventBus } from './bus/event-bus.js';
import { createInProcessBus } from './bus/in-process-bus.js';
import { createNatsBus } from './bus/nats-bus.js';
import { startOutboxDispatcher } from './bus/outbox-dispatcher.js';
import { pruneUnlinkedAttachments } from './db/attachments.js';
import { startXStreams } from './channels/x/stream-supervisor.js';
import { connectDatabase } from './db/database.js';
import { lockDataDir } from './db/data-lock.js';
import { ensureEmbeddedPostgres, type EmbeddedServer } from './db/embedded.js';
import { migrateToLatest } from './db/migrate.js';
import type { Database } from './db/schema.js';
import { pruneAccountTokens } from './db/account-tokens.js';
import { pruneRateLimitHits } from './db/rate-limits.js';
import { pruneSessions } from './db/sessions.js';
import { trainWorkspace, workspacesToRetrain } from './db/workspace-learning.js';
import { escalateCallbacks } from './inbox/callback-escalation.js';
import { escalateServiceLevels } from './inbox/sla-escalation.js';
import { assignRound, assignWaiting, workspacesToRoute } from './inbox/auto-assign.js';
import { wakeSnoozed } from './inbox/update-conversation.js';
import { startMastodonStreams } from './channels/mastodon/stream.js';
import { createChannelPoller } from './channels/polling.js';
import { polledChannels } from './channels/registry.js';
import { createTelegramPoller } from './channels/telegram/poll.js';
import { markSeenByVisitor } from './pipeline/delivery-reports.js';
import { startDeliveryWorker } from './pipeline/delivery-worker.js';
import { emailMissedChatReplies } from './pipeline/missed-chat-replies.js';
import { sendDueSurveys } from './csat/send-surveys.js';
import { createIngestBatcher, type IngestBatcher } from './pipeline/ingest-batcher.js';
import { createListener } from './pipeline/listener.js';
import { notifyListeningAlerts } from './pipeline/alert-notifications.js';
import { detectListeningAlerts } from './pipeline/listening-alerts.js';
import { automationHook } from './pipeline/automation-hook.js';
import { callbackHook } from './pipeline/callback-hook.js';
import { nextResponseHook } from './pipeline/next-response-hook.js';
import { sendRuleWebhooks } from './pipeline/rule-webhooks.js';
import { slaHook } from './pipeline/sla-hook.js';
import { workspaceUnderstanding } from './pipeline/understanding.js';
import { KnowledgeIndexes } from './kb/suggest/knowledge-indexes.js';
import { botHook } from './kb/bot/bot-hook.js';
import { runBot } from './kb/bot/bot-worker.js';
import { applyRetention } from './privacy/retention.js';
import { startWakeLoop, type WakeLoop } from './runtime/wake-loop.js';
import { createSecretBox, loadSecretKey } from './security/secret-box.js';

export type Role = 'all' | 'api' | 'worker';

/** Workspaces with new label corrections are retrained this often by the worker. */
const TRAINING_INTERVAL_MS = 3600_000;

/** Web chat replies visitors missed are looked for this often (and mailed after a grace period). */
const MISSED_REPLY_POLL_MS = 30_000;

/** Waiting conversations are looked at at least this often, besides whenever something changes. */
const ROUTING_POLL_MS = 10_000;
/** The bot is woken by each inbound message; this poll only catches what another process claimed. */
const BOT_POLL_MS = 5_000;

/** New early warnings are sent by e-mail and webhook at least this often (at once when raised here). */
const ALERT_NOTIFY_POLL_MS = 15_000;

/** Resolved conversations are looked at this often for satisfaction surveys that are due. */
const CSAT_POLL_MS = 30_000;
/** Queued webhook calls of automation rules are looked for this often, besides after each change. */
const RULE_WEBHOOK_POLL_MS = 5_000;
/**
 * Loops woken by every stored batch look at most this often while batches keep coming, so a
 * burst of inbound messages does not cost a query per batch for each of them.
 */
const BUSY_WAKE_GAP_MS = 50;

/** Bots in polling mode are asked for new messages this often. */
const TELEGRAM_POLL_MS = 2_000;

/** Retention is counted in days; applying it hourly keeps every deadline within an hour. */
const RETENTION_INTERVAL_MS = 3600_000;

/** How often the worker looks for feeds and review portals whose own interval has passed. */
const CHANNEL_POLL_TICK_MS = 5_000;

/** How soon a new, changed or disabled Mastodon channel opens or closes its streams. */
const MASTODON_SYNC_MS = 5_000;

export interface ServerOptions {
  dataDir: string;
  databaseUrl?: string;
  natsUrl?: string;
  /** The JetStream stream name; installations sharing one NATS server each need their own. */
  natsStream?: string;
  role: Role;
  port: number;
  host: string;
  webDir: string | null;
  logger: boolean;
  secureCookies?: boolean;
  /** Receive mail over SMTP on this port (0: any free port) of the same host. */
  smtpPort?: number;
  /** Offer STARTTLS on the SMTP listener with this certificate. */
  smtpTls?: { key: Buffer; cert: Buffer };
  /** Where people reach this installation (links in password-reset, invitation and survey mails); the local address otherwise. */
  publicUrl?: string;
  /** Let webhooks reach loopback and private networks (on-premises targets, tests). */
  allowPrivateNetworks?: boolean;
  log?: (line: string) => void;
}

export interface RunningParley {
  url: string;
  port: number;
  /** The SMTP listener's port, when one was asked for. */
  smtpPort: number | null;
  db: Kysely<Database>;
  bus: EventBus;
  stop(): Promise<void>;
}

/** Opens the database (embedded unless a URL is given) and brings it to the latest schema. */
export async function openStorage(options: { dataDir: string; databaseUrl?: string; own?: boolean }) {
  const unlock = options.own && !options.databaseUrl ? lockDataDir(options.dataDir) : () => {};
  try {
    const embedded: EmbeddedServer | null = options.databaseUrl ? null : await ensureEmbeddedPostgres(options.dataDir, { own: options.own ?? false });
    const handle = connectDatabase(options.databaseUrl ?? embedded?.url ?? '');
    await migrateToLatest(handle.db);
    return {
      ...handle,
      async close() {
        await handle.close();
        await embedded?.stop();
        unlock();
      },
    };
  } catch (err) {
    unlock();
    throw err;
  }
}

export async function startParley(options: ServerOptions): Promise<RunningParley> {
  const log = options.log ?? (() => {});
  const onError = (err: unknown) => log(`error: ${err instanceof Error ? err.message : String(err)}`);
  const storage = await openStorage({ ...options, own: true });
  const { db } = storage;
  const box = createSecretBox(loadSecretKey(process.env, options.dataDir));
  const bus = options.natsUrl ? await createNatsBus(options.natsUrl, { onError, ...(options.natsStream && { stream: options.natsStream, subjectPrefix: `parley.${options.natsStream}` }) }) : createInProcessBus(onError);
  const dispatcher = startOutboxDispatcher(db, bus, { onError });
  const loops: WakeLoop[] = [dispatcher];
  const unsubscribes: (() => Promise<void>)[] = [];

  const runsWorker = options.role !== 'api' || !options.natsUrl;
  let lastTraining = Date.now();
  const runsApi = options.role !== 'worker' || !options.natsUrl;
  // Known once the API listens, unless the installation states its public address.
  let publicUrl: string | null = options.publicUrl ?? null;

  // Every role stores inbound messages: the API from webhooks, the worker from providers it polls.
  const understanding = workspaceUnderstanding(db);
  const knowledge = new KnowledgeIndexes();
  const listener = createListener(db);
  // New conversations are assigned in the transaction that stores them, whichever role stores them.
  const ingest: IngestBatcher = createIngestBatcher(db, [slaHook(), nextResponseHook(), listener.hook, callbackHook(), botHook(), automationHook()], { understand: understanding.understand, route: assignRound });

  // Every other assignment runs in the worker, woken by new messages and changed conversations, and polls as a safety net.
  const router = runsWorker
    ? startWakeLoop(
        async () => {
          let assigned = 0;
          for (const workspaceId of await workspacesToRoute(db)) assigned += await assignWaiting(db, workspaceId);
          if (assigned > 0) dispatcher.wake();
        },
        ROUTING_POLL_MS,
        onError,
      )
    : null;
  if (router) loops.push(router);
  // Webhook calls of automation rules leave after the commit that queued them, woken like routing.
  const ruleWebhooks = runsWorker
    ? startWakeLoop(
        async () => {
          await sendRuleWebhooks(db, box, { allowPrivateNetworks: options.allowPrivateNetworks ?? false });
        },
        RULE_WEBHOOK_POLL_MS,
        onError,
        BUSY_WAKE_GAP_MS,
      )
    : null;
  if (ruleWebhooks) loops.push(ruleWebhooks);

  // The first-level bot decides on the messages it claimed, woken by each new inbound message.
  const bot = runsWorker
    ? startWakeLoop(
        async () => {
          if ((await runBot(db, knowledge, publicUrl)) > 0) dispatcher.wake();
        },
        BOT_POLL_MS,
        onError,
        BUSY_WAKE_GAP_MS,
      )
    : null;
  if (bot) loops.push(bot);

  const worker = runsWorker ? startDeliveryWorker(db, box, { onError, onChange: () => dispatcher.wake(), allowPrivateNetworks: options.allowPrivateNetworks ?? false }) : null;
  if (worker) {
    loops.push(worker);
    unsubscribes.push(
      await bus.subscribe(
        (event) => {
          if (event.type === 'message.created' && event.data.direction === 'outbound') worker.wake();
        },
        { mode: 'work', group: 'delivery' },
      ),
    );
    unsubscribes.push(
      await bus.subscribe(
        (event) => {
          if ((event.type === 'message.created' && event.data.direction === 'inbound') || event.type === 'conversation.updated' || event.type === 'conversation.created') {
            router?.wake();
            ruleWebhooks?.wake();
          }
          if (event.type === 'message.created' && event.data.direction === 'inbound') bot?.wake();
        },
        { mode: 'work', group: 'routing' },
      ),
    );
    loops.push(
      startXStreams(
        db,
        box,
        async (channel, msg) => {
          if (!(await ingest.accept(channel, msg)).duplicate) dispatcher.wake();
        },
        { allowPrivateNetworks: options.allowPrivateNetworks ?? false, onError },
      ),
    );
    loops.push(
      startWakeLoop(
        async () => {
          if ((await escalateServiceLevels(db)) + (await escalateCallbacks(db)) > 0) dispatcher.wake();
        },
        5_000,
        onError,
      ),
    );
    const notifier = startWakeLoop(
      async () => {
        await notifyListeningAlerts(db, box, { allowPrivateNetworks: options.allowPrivateNetworks ?? false, onError });
      },
      ALERT_NOTIFY_POLL_MS,
      onError,
    );
    loops.push(notifier);
    loops.push(
      startWakeLoop(
        async () => {
          if ((await detectListeningAlerts(db)) > 0) {
            dispatcher.wake();
            notifier.wake();
          }
        },
        60_000,
        onError,
      ),
    );
    loops.push(
      startWakeLoop(
        async () => {
          await emailMissedChatReplies(db, box, { allowPrivateNetworks: options.allowPrivateNetworks ?? false });
        },
        MISSED_REPLY_POLL_MS,
        onError,
      ),
    );
    loops.push(
      startWakeLoop(
        async () => {
          if (!publicUrl) return;
          if ((await sendDueSurveys(db, box, { baseUrl: publicUrl, allowPrivateNetworks: options.allowPrivateNetworks ?? false })) > 0) {
            dispatcher.wake();
            worker?.wake();
          }
        },
        CSAT_POLL_MS,
        onError,
      ),
    );
    if (!publicUrl && !runsApi) log('Satisfaction surveys are not sent: set PARLEY_PUBLIC_URL so the worker can link to the survey page.');
    const pollTelegram = createTelegramPoller(db, box, ingest, options.allowPrivateNetworks ?? false);
    loops.push(
      startWakeLoop(
        async () => {
          if ((await pollTelegram()) > 0) dispatcher.wake();
        },
        TELEGRAM_POLL_MS,
        onError,
      ),
    );
    loops.push(startMastodonStreams(db, box, ingest, { allowPrivateNetworks: options.allowPrivateNetworks ?? false, onError, onStored: () => dispatcher.wake(), syncMs: MASTODON_SYNC_MS }));
    const pollChannels = createChannelPoller(db, box, ingest, polledChannels, { allowPrivateNetworks: options.allowPrivateNetworks ?? false, onError });
    loops.push(
      startWakeLoop(
        async () => {
          if ((await pollChannels()) > 0) dispatcher.wake();
        },
        CHANNEL_POLL_TICK_MS,
        onError,
      ),
    );
    loops.push(
      startWakeLoop(
        async () => {
          await applyRetention(db);
        },
        RETENTION_INTERVAL_MS,
        onError,
      ),
    );
    loops.push(
      startWakeLoop(
        async () => {
          if ((await wakeSnoozed(db)) > 0) dispatcher.wake();
          await pruneSessions(db);
          await pruneRateLimitHits(db);
          await pruneAccountTokens(db);
          await pruneUnlinkedAttachments(db);
          if (Date.now() - lastTraining > TRAINING_INTERVAL_MS) {
            lastTraining = Date.now();
            for (const workspaceId of await workspacesToRetrain(db)) await trainWorkspace(db, workspaceId);
          }
        },
        30_000,
        onError,
      ),
    );
  }

  const afterCommit = () => {
    dispatcher.wake();
    worker?.wake();
  };
  const intake = { db, ingest, tokenKey: box.deriveKey(REPLY_TOKEN_PURPOSE), afterCommit };
  // Mailboxes are read by the worker alone, so several API processes never read one twice over.
  const imap: ImapSync | null = runsWorker ? startImapSync(intake, box, { allowPrivateNetworks: options.allowPrivateNetworks ?? false, log }) : null;

  const hub = createStreamHub();
  const visitors = createVisitorHub({
    onShown: (messageId) => {
      void markSeenByVisitor(db, [messageId]).then((n) => n > 0 && dispatcher.wake(), onError);
    },
  });
  let app: FastifyInstance | null = null;
  let smtp: SmtpListener | null = null;
  let port = 0;
  const localUrl = () => `http://${options.host === '0.0.0.0' ? 'localhost' : options.host}:${port}`;
  if (runsApi) {
    unsubscribes.push(
      await bus.subscribe(
        (event) => {
          hub.publish(event);
          visitors.publish(event);
        },
        { mode: 'broadcast' },
      ),
    );
    const ctx: ApiContext = {
      db,
      box,
      bus,
      ingest,
      understanding,
      listener,
      limits: createRateLimits(db),
      publicUrl: () => options.publicUrl ?? localUrl(),
      visitors,
      afterCommit,
      channelsChanged: () => imap?.wake(),
      routingChanged: () => router?.wake(),
      webDir: options.webDir,
      secureCookies: options.secureCookies ?? false,
      allowPrivateNetworks: options.allowPrivateNetworks ?? false,
      knowledge,
    };
    app = await buildApp(ctx, hub, { logger: options.logger });
    await app.listen({ port: options.port, host: options.host });
    const address = app.server.address();
    port = typeof address === 'object' && address ? address.port : options.port;
    publicUrl ??= localUrl();
    if (options.smtpPort !== undefined) {
      smtp = await startSmtpListener(intake, { port: options.smtpPort, host: options.host, ...(options.smtpTls && { tls: options.smtpTls }), log });
    }
  }

  let stopping: Promise<void> | null = null;
  return {
    url: localUrl(),
    port,
    smtpPort: smtp?.port ?? null,
    db,
    bus,
    stop() {
      stopping ??= (async () => {
        hub.closeAll();
        visitors.closeAll();
        await smtp?.close();
        await imap?.stop();
        await app?.close();
        for (const u of unsubscribes) await u();
        for (const loop of loops) await loop.stop();
        await ingest.close();
        await bus.close();
        await storage.close();
      })();
      return stopping;
    },
  };
}
