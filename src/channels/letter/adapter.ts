import { z } from 'zod';
import type { ChannelAdapter } from '../adapter.js';

const Settings = z.object({ postalAddress: z.string().trim().max(500).optional(), faxNumber: z.string().trim().max(40).optional() }).strict();

/**
 * Letters and faxes: agents enter them with the scan attached (`POST /api/v1/letters`). A reply is
 * printed or faxed by the agent, so it is recorded as sent by hand the moment it is written.
 */
export const letterChannel: ChannelAdapter = {
  type: 'letter',
  settings: Settings,
  secrets: z.object({}).strict(),
  async send(ctx) {
    return { externalId: `manual:${ctx.message.id}` };
  },
};
