import { sql } from 'kysely';
import { z } from 'zod';
import { getChannel } from '../db/channels.js';
import type { CsatMode, CsatScale, Db } from '../db/schema.js';
import { AppError } from '../domain/errors.js';
import { REVIEW_CHANNEL_TYPES } from '../reviews/find-reviews.js';

export const CsatSettingsSchema = z
  .object({
    mode: z.enum(['off', 'channel', 'email']),
    scale: z.enum(['numeric', 'emoji']).default('numeric'),
    /** Minutes after resolution before the survey goes out (up to a week). */
    delayMinutes: z.number().int().min(0).max(10_080).default(60),
    /** A contact surveyed within this many days is not asked again. */
    cooldownDays: z.number().int().min(0).max(365).default(30),
  })
  .strict();
export type CsatSettingsInput = z.infer<typeof CsatSettingsSchema>;

export interface CsatSettings {
  channelId: string;
  mode: CsatMode;
  scale: CsatScale;
  delayMinutes: number;
  cooldownDays: number;
}

// Review portals and feeds are public: a survey there would be a public post, and nobody there is our customer yet.
const NEVER = new Set<string>([...REVIEW_CHANNEL_TYPES, 'rss']);
// A call or a letter cannot carry a link; these channels survey by e-mail or not at all.
const NO_LINKS = new Set(['phone', 'letter']);

const DEFAULTS = { mode: 'off', scale: 'numeric', delayMinutes: 60, cooldownDays: 30 } as const;

export async function getCsatSettings(db: Db, workspaceId: string, channelId: string): Promise<CsatSettings> {
  const channel = await getChannel(db, workspaceId, channelId);
  const row = await db.selectFrom('csatSettings').select(['mode', 'scale', 'delayMinutes', 'cooldownDays']).where('channelId', '=', channel.id).executeTakeFirst();
  return { channelId: channel.id, ...(row ?? DEFAULTS) };
}

export async function saveCsatSettings(db: Db, workspaceId: string, channelId: string, input: CsatSettingsInput): Promise<CsatSettings> {
  const channel = await getChannel(db, workspaceId, channelId);
  if (input.mode !== 'off' && NEVER.has(channel.type)) throw new AppError('invalid', `mode: ${channel.type} channels are public review portals or feeds and are never surveyed.`, { field: 'mode' });
  if (input.mode === 'channel' && NO_LINKS.has(channel.type)) throw new AppError('invalid', `mode: a ${channel.type} channel cannot carry a link; survey by e-mail instead.`, { field: 'mode' });
  const enabling = input.mode !== 'off';
  await db
    .insertInto('csatSettings')
    .values({ channelId: channel.id, workspaceId, ...input, enabledAt: enabling ? sql<Date>`now()` : null })
    .onConflict((oc) =>
      oc.column('channelId').doUpdateSet({
        ...input,
        // Switching on (again) starts from now, so no backlog of old resolutions is surveyed.
        enabledAt: enabling ? sql<Date>`CASE WHEN csat_settings.mode = 'off' THEN now() ELSE csat_settings.enabled_at END` : null,
        updatedAt: sql<Date>`now()`,
      }),
    )
    .execute();
  return { channelId: channel.id, ...input };
}
