import { sql, type Kysely } from 'kysely';
import type { OutboundContext } from '../channels/adapter.js';
import { senderFor } from '../channels/registry.js';
import { messageAttachmentFiles } from '../db/attachments.js';
import { getContact, toContactDto } from '../db/contacts.js';
import { getConversation } from '../db/conversations.js';
import { MESSAGE_COLUMNS, toMessageDto } from '../db/messages.js';
import { enqueueEvents } from '../db/outbox.js';
import type { Database, Message } from '../db/schema.js';
import { AppError, isAppError } from '../domain/errors.js';
import { startWakeLoop, type WakeLoop } from '../runtime/wake-loop.js';
import type { SecretBox } from '../security/secret-box.js';

export const MAX_ATTEMPTS = 8;
const LEASE_SECONDS = 120;
const BATCH = 10;
/** While wake-ups keep coming, the worker looks for replies at most once per this many milliseconds. */
const REPLY_WAKE_GAP_MS = 20;
/** How many earlier provider ids a send sees: enough for a mail's References header. */
const EARLIER_MESSAGES = 50;

/** Exponential backoff with jitter: 1 s, 2 s, 4 s … capped at 10 minutes. */
export function backoffMs(attempt: number, random = Math.random): number {
  const base = Math.min(1000 * 2 ** Math.max(0, attempt - 1), 600_000);
  return Math.round(base * (0.8 + 0.4 * random()));
}

export type DeliveryWorker = WakeLoop;

type Claimed = Message;

/**
 * Sends queued replies through their channel adapters. Each send holds a lease (the next
 * attempt time moves ahead) so a crashed worker's messages are picked up again, never lost.
 */
export function startDeliveryWorker(
  db: Kysely<Database>,
  box: SecretBox,
  options: { pollMs?: number; onError?: (err: unknown) => void; onChange?: () => void; allowPrivateNetworks?: boolean } = {},
): DeliveryWorker {
  const onError = options.onError ?? (() => {});

  async function claim(): Promise<Claimed[]> {
    return db
      .updateTable('messages')
      .set({ nextAttemptAt: sql<Date>`now() + make_interval(secs => ${LEASE_SECONDS})`, deliveryAttempts: sql<number>`delivery_attempts + 1` })
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('messages')
          .select('id')
          .where('deliveryStatus', '=', 'queued')
          .where('nextAttemptAt', '<=', sql<Date>`now()`)
          .orderBy('nextAttemptAt')
          .limit(BATCH)
          .forUpdate()
          .skipLocked(),
      )
      .returning(MESSAGE_COLUMNS)
      .execute();
  }

  async function contextFor(message: Claimed): Promise<OutboundContext> {
    const channel = await db.selectFrom('channels').selectAll().where('id', '=', message.channelId).executeTakeFirstOrThrow();
    const conversation = await getConversation(db, message.workspaceId, message.conversationId);
    const threadKey = await db.selectFrom('conversations').select('threadKey').where('id', '=', message.conversationId).executeTakeFirstOrThrow();
    const contact = await getContact(db, message.workspaceId, conversation.contactId);
    const recipient = await db
      .selectFrom('contactIdentities')
      .select('value')
      .where('contactId', '=', contact.id)
      .where('kind', '=', `channel:${channel.id}`)
      .orderBy('createdAt', 'desc')
      .executeTakeFirst();
    const lastInbound = await db
      .selectFrom('messages')
      .select(['createdAt', 'sentAt', 'externalId'])
      .where('conversationId', '=', message.conversationId)
      .where('direction', '=', 'inbound')
      .orderBy('createdAt', 'desc')
      .limit(1)
      .executeTakeFirst();
    const earlier = await db
      .selectFrom('messages')
      .select(['direction', 'externalId', 'createdAt'])
      .where('workspaceId', '=', message.workspaceId)
      .where('conversationId', '=', message.conversationId)
      .where('externalId', 'is not', null)
      .where('id', '!=', message.id)
      .orderBy('createdAt', 'desc')
      .limit(EARLIER_MESSAGES)
      .execute();
    return {
      channel: { id: channel.id, workspaceId: channel.workspaceId, type: channel.type, name: channel.name, settings: channel.settings },
      secrets: channel.secrets ? box.open(channel.secrets) : {},
      conversation: { ...conversation, threadKey: threadKey.threadKey },
      message: toMessageDto(message),
      contact: toContactDto(contact),
      recipientId: recipient?.value ?? null,
      // The customer's own send time where the provider gave it: that is what messenger windows count from.
      lastInboundAt: lastInbound ? (lastInbound.sentAt ?? lastInbound.createdAt) : null,
      lastInboundExternalId: lastInbound?.externalId ?? null,
      allowPrivateNetworks: options.allowPrivateNetworks ?? false,
      earlier: earlier.reverse().map((m) => ({ direction: m.direction, externalId: m.externalId ?? '' })),
      files: await messageAttachmentFiles(db, message.workspaceId, message.attachments),
      deriveKey: (purpose) => box.deriveKey(purpose),
    };
  }

  async function record(message: Claimed, patch: { deliveryStatus: 'queued' | 'sent' | 'failed'; deliveryError: string | null; nextAttemptAt: Date | null; externalId?: string }): Promise<void> {
    await db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('messages')
        .set({ ...patch, ...(patch.deliveryStatus === 'sent' && { sentAt: sql<Date>`now()` }) })
        .where('id', '=', message.id)
        .where('deliveryStatus', '=', 'queued')
        .returning(MESSAGE_COLUMNS)
        .executeTakeFirst();
      if (updated) {
        await enqueueEvents(trx, [{ type: 'message.updated', workspaceId: message.workspaceId, data: { ...toMessageDto(updated) } }]);
      }
    });
    options.onChange?.();
  }

  /** Sends one reply; answers how long its channel's later replies must wait, or null. */
  async function deliver(message: Claimed): Promise<number | null> {
    try {
      const ctx = await contextFor(message);
      const result = await senderFor(ctx.channel).send(ctx);
      await record(message, { deliveryStatus: 'sent', deliveryError: null, nextAttemptAt: null, ...(result.externalId && { externalId: result.externalId }) });
      return null;
    } catch (err) {
      const failure = isAppError(err) ? err : new AppError('unavailable', err instanceof Error ? err.message : String(err));
      const retryable = failure.code === 'unavailable' || failure.code === 'rate_limited';
      if (retryable && message.deliveryAttempts < MAX_ATTEMPTS) {
        const hinted = typeof failure.details?.retryAfterMs === 'number' ? failure.details.retryAfterMs : 0;
        const wait = Math.max(hinted, backoffMs(message.deliveryAttempts));
        await record(message, { deliveryStatus: 'queued', deliveryError: failure.message, nextAttemptAt: new Date(Date.now() + wait) });
        if (failure.code === 'rate_limited') await holdChannel(message.channelId, wait);
        setTimeout(wake, wait + 10).unref();
        return wait;
      }
      await record(message, { deliveryStatus: 'failed', deliveryError: failure.message, nextAttemptAt: null });
      return null;
    }
  }

  /** A provider that says "slow down" means it for the whole channel, not just this message. */
  async function holdChannel(channelId: string, waitMs: number): Promise<void> {
    await db
      .updateTable('messages')
      .set({ nextAttemptAt: sql<Date>`greatest(next_attempt_at, now() + make_interval(secs => ${waitMs / 1000}))` })
      .where('channelId', '=', channelId)
      .where('deliveryStatus', '=', 'queued')
      .execute();
  }

  /** Each channel's replies go out one after another, in the order written; channels run side by side. */
  async function deliverInOrder(batch: Claimed[]): Promise<void> {
    const queues = new Map<string, Claimed[]>();
    for (const m of [...batch].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())) queues.set(m.channelId, [...(queues.get(m.channelId) ?? []), m]);
    await Promise.all(
      [...queues.values()].map(async (queue) => {
        for (const [i, m] of queue.entries()) {
          const wait = await deliver(m).catch((err: unknown) => (onError(err), null));
          if (wait === null) continue;
          // The rest of the queue was not tried: it goes back, to follow the retried reply.
          const rest = queue.slice(i + 1).map((r) => r.id);
          if (rest.length > 0) {
            await db
              .updateTable('messages')
              .set({ nextAttemptAt: new Date(Date.now() + wait + 1), deliveryAttempts: sql<number>`delivery_attempts - 1` })
              .where('id', 'in', rest)
              .where('deliveryStatus', '=', 'queued')
              .execute();
          }
          return;
        }
      }),
    );
  }

  const loop = startWakeLoop(
    async (stopped) => {
      let batch = await claim();
      while (batch.length > 0 && !stopped()) {
        await deliverInOrder(batch);
        batch = await claim();
      }
    },
    options.pollMs ?? 1000,
    onError,
    REPLY_WAKE_GAP_MS,
  );
  const wake = loop.wake;
  return loop;
}
