import { sql, type Kysely } from 'kysely';
import type { DeliveryReport } from '../channels/adapter.js';
import { MESSAGE_COLUMNS, toMessageDto } from '../db/messages.js';
import { enqueueEvents } from '../db/outbox.js';
import type { Database } from '../db/schema.js';

/**
 * Applies a provider's reports on replies Parley sent. Reports arrive late and out of order, so
 * a reply only moves forward (sent → delivered) or to failed; a repeated report changes nothing.
 * Returns how many replies changed.
 */
export async function applyDeliveryReports(db: Kysely<Database>, channelId: string, reports: DeliveryReport[]): Promise<number> {
  let changed = 0;
  await db.transaction().execute(async (trx) => {
    for (const report of reports) {
      const query = trx
        .updateTable('messages')
        .where('channelId', '=', channelId)
        .where('externalId', '=', report.externalId)
        .where('direction', '=', 'outbound');
      const updated =
        report.status === 'failed'
          ? await query.set({ deliveryStatus: 'failed', deliveryError: report.error ?? 'The provider reported the message as failed.' }).where('deliveryStatus', '!=', 'failed').returning(MESSAGE_COLUMNS).executeTakeFirst()
          : report.status === 'delivered'
            ? await query.set({ deliveryStatus: 'delivered' }).where('deliveryStatus', '=', 'sent').returning(MESSAGE_COLUMNS).executeTakeFirst()
            : await query.set({ sentAt: sql<Date>`coalesce(sent_at, now())` }).where('sentAt', 'is', null).returning(MESSAGE_COLUMNS).executeTakeFirst();
      if (updated) {
        changed++;
        await enqueueEvents(trx, [{ type: 'message.updated', workspaceId: updated.workspaceId, data: { ...toMessageDto(updated) } }]);
      }
    }
  });
  return changed;
}

/**
 * Web chat replies the visitor's widget showed, live or when they came back: delivered, so they
 * are not mailed as missed. Returns how many changed.
 */
export async function markSeenByVisitor(db: Kysely<Database>, messageIds: string[]): Promise<number> {
  if (messageIds.length === 0) return 0;
  return db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('messages')
      .set({ deliveryStatus: 'delivered', nextAttemptAt: null, sentAt: sql<Date>`coalesce(sent_at, now())` })
      .where('id', 'in', messageIds)
      .where('direction', '=', 'outbound')
      .where('deliveryStatus', 'in', ['queued', 'sent'])
      .returning(MESSAGE_COLUMNS)
      .execute();
    if (updated.length > 0) await enqueueEvents(trx, updated.map((m) => ({ type: 'message.updated', workspaceId: m.workspaceId, data: { ...toMessageDto(m) } })));
    return updated.length;
  });
}
