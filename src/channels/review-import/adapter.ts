import { z } from 'zod';
import type { ChannelAdapter } from '../adapter.js';

const Settings = z
  .object({
    /** The portal the exports come from (Trusted Shops, Idealo …), shown to agents. */
    portal: z.string().trim().min(1).max(100).optional(),
    /** Where the agent pastes the prepared reply, e.g. the portal's review administration. */
    replyUrl: z.url({ protocol: /^https?$/ }).max(2048).optional(),
  })
  .strict();

/** The external id a prepared reply gets: it was not sent anywhere, an agent copies it to the portal. */
export const MANUAL_PREFIX = 'manual:';

/**
 * Reviews imported from a portal's export (CSV/JSON). Replies cannot reach the portal from here:
 * sending marks the reply as sent with an external id starting `manual:`, which tells the agent
 * app to show it as prepared for copy-paste.
 */
export const reviewImportChannel: ChannelAdapter = {
  type: 'review_import',
  settings: Settings,
  secrets: z.object({}).strict(),
  async send(ctx) {
    return { externalId: `${MANUAL_PREFIX}${ctx.message.id}` };
  },
};
