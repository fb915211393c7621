import { sql } from 'kysely';
import { z } from 'zod';
import type { BotHours, Db } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';

/** The bot answers only when its best article's confidence reaches this, unless a channel sets its own. */
export const DEFAULT_BOT_CONFIDENCE = 0.85;

/** Channels where a customer expects an answer within the conversation: the bot may work there. */
export const BOT_CHANNEL_TYPES = ['webchat', 'whatsapp', 'telegram', 'facebook'] as const;

export const BotSettingsSchema = z
  .object({
    helpCenterUrl: z.url({ protocol: /^https?$/ }).max(2048).nullable(),
    channels: z
      .array(
        z
          .object({
            channelId: z.uuid(),
            enabled: z.boolean(),
            minConfidence: z.number().min(0.05).max(1).default(DEFAULT_BOT_CONFIDENCE),
            hours: z.enum(['always', 'outside']).default('always'),
          })
          .strict(),
      )
      .max(200),
  })
  .strict();
export type BotSettingsInput = z.infer<typeof BotSettingsSchema>;

export interface BotChannelSettings {
  channelId: string;
  channelName: string;
  channelType: string;
  enabled: boolean;
  minConfidence: number;
  hours: BotHours;
}

async function storedHelpCenterUrl(db: Db, workspaceId: string): Promise<string | null> {
  const row = await db.selectFrom('kbBotSettings').select('helpCenterUrl').where('workspaceId', '=', workspaceId).executeTakeFirst();
  return row?.helpCenterUrl ?? null;
}

/**
 * Where customers reach the workspace's help center: the address set in the bot settings, else the
 * help center's own host name, else the installation's public address followed by /help/{workspace}.
 */
export async function helpCenterAddress(db: Db, workspaceId: string, publicUrl: string | null): Promise<string | null> {
  const row = await db
    .selectFrom('workspaces as w')
    .leftJoin('kbBotSettings as b', 'b.workspaceId', 'w.id')
    .leftJoin('helpCenters as h', 'h.workspaceId', 'w.id')
    .select(['w.slug', 'b.helpCenterUrl', 'h.customHost'])
    .where('w.id', '=', workspaceId)
    .executeTakeFirst();
  if (!row) return null;
  if (row.helpCenterUrl) return row.helpCenterUrl;
  if (row.customHost) return `https://${row.customHost}`;
  return publicUrl ? `${publicUrl.replace(/\/+$/, '')}/help/${row.slug}` : null;
}

/** Every channel the bot can work on, with its settings (off where none were saved). */
export async function getBotSettings(db: Db, workspaceId: string): Promise<{ helpCenterUrl: string | null; channels: BotChannelSettings[] }> {
  const rows = await db
    .selectFrom('channels as ch')
    .leftJoin('kbBotChannels as b', 'b.channelId', 'ch.id')
    .select(['ch.id', 'ch.name', 'ch.type', 'b.enabled', 'b.minConfidence', 'b.hours'])
    .where('ch.workspaceId', '=', workspaceId)
    .where('ch.type', 'in', [...BOT_CHANNEL_TYPES])
    .orderBy('ch.name')
    .execute();
  return {
    helpCenterUrl: await storedHelpCenterUrl(db, workspaceId),
    channels: rows.map((r) => ({
      channelId: r.id,
      channelName: r.name,
      channelType: r.type,
      enabled: r.enabled ?? false,
      minConfidence: r.minConfidence ?? DEFAULT_BOT_CONFIDENCE,
      hours: r.hours ?? 'always',
    })),
  };
}

/** Saves the settings of the channels named; a channel of another workspace or type is refused. */
export async function saveBotSettings(db: Db, workspaceId: string, input: BotSettingsInput): Promise<void> {
  const ids = [...new Set(input.channels.map((c) => c.channelId))];
  if (ids.length !== input.channels.length) throw new AppError('invalid', 'Each channel may appear once.');
  if (ids.length > 0) {
    const channels = await db.selectFrom('channels').select(['id', 'type']).where('workspaceId', '=', workspaceId).where('id', 'in', ids).execute();
    if (channels.length !== ids.length) throw new AppError('not_found', 'Channel not found.');
    const unsupported = channels.find((c) => !(BOT_CHANNEL_TYPES as readonly string[]).includes(c.type));
    if (unsupported) throw new AppError('invalid', `The bot works on ${BOT_CHANNEL_TYPES.join(', ')} channels, not on ${unsupported.type}.`);
  }
  await db
    .insertInto('kbBotSettings')
    .values({ workspaceId, helpCenterUrl: input.helpCenterUrl })
    .onConflict((oc) => oc.column('workspaceId').doUpdateSet({ helpCenterUrl: input.helpCenterUrl, updatedAt: sql<Date>`now()` }))
    .execute();
  for (const c of input.channels) {
    const values = { enabled: c.enabled, minConfidence: c.minConfidence, hours: c.hours };
    await db
      .insertInto('kbBotChannels')
      .values({ channelId: c.channelId, workspaceId, ...values })
      .onConflict((oc) => oc.column('channelId').doUpdateSet({ ...values, updatedAt: sql<Date>`now()` }))
      .execute();
  }
}
