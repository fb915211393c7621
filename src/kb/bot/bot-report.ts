import { sql } from 'kysely';
import type { Db, HandoverReason } from '../../db/schema.js';

export interface BotChannelReport {
  channelId: string;
  channelName: string;
  channelType: string;
  /** Conversations the bot took part in. */
  conversations: number;
  answeredByBot: number;
  resolvedByBot: number;
  handedOver: number;
  handedOverByReason: Partial<Record<HandoverReason, number>>;
  /** Resolved by the bot, then the customer wrote again. */
  reopenedAfterBot: number;
}

/** The bot's deflection per channel, for the conversations it took part in that began in [from, to). */
export async function botReport(db: Db, workspaceId: string, from: Date, to: Date): Promise<BotChannelReport[]> {
  const rows = await db
    .selectFrom('kbBotConversations as b')
    .innerJoin('channels as ch', 'ch.id', 'b.channelId')
    .innerJoin('conversations as c', 'c.id', 'b.conversationId')
    .select([
      'ch.id as channelId',
      'ch.name as channelName',
      'ch.type as channelType',
      'b.handoverReason',
      sql<string>`count(*)`.as('conversations'),
      sql<string>`count(*) FILTER (WHERE b.answers > 0)`.as('answered'),
      sql<string>`count(*) FILTER (WHERE b.resolved_at IS NOT NULL)`.as('resolved'),
      sql<string>`count(*) FILTER (WHERE b.state = 'handed_over')`.as('handedOver'),
      sql<string>`count(*) FILTER (WHERE b.resolved_at IS NOT NULL AND (b.handover_reason = 'reopened' OR c.last_inbound_at > b.resolved_at))`.as('reopened'),
    ])
    .where('b.workspaceId', '=', workspaceId)
    .where('b.createdAt', '>=', from)
    .where('b.createdAt', '<', to)
    .groupBy(['ch.id', 'ch.name', 'ch.type', 'b.handoverReason'])
    .execute();
  const byChannel = new Map<string, BotChannelReport>();
  for (const r of rows) {
    const report = byChannel.get(r.channelId) ?? {
      channelId: r.channelId,
      channelName: r.channelName,
      channelType: r.channelType,
      conversations: 0,
      answeredByBot: 0,
      resolvedByBot: 0,
      handedOver: 0,
      handedOverByReason: {},
      reopenedAfterBot: 0,
    };
    report.conversations += Number(r.conversations);
    report.answeredByBot += Number(r.answered);
    report.resolvedByBot += Number(r.resolved);
    report.handedOver += Number(r.handedOver);
    report.reopenedAfterBot += Number(r.reopened);
    if (r.handoverReason && Number(r.handedOver) > 0) report.handedOverByReason[r.handoverReason] = Number(r.handedOver);
    byChannel.set(r.channelId, report);
  }
  return [...byChannel.values()].sort((a, b) => b.conversations - a.conversations);
}
