import { z } from 'zod';
import type { ChannelAdapter } from '../adapter.js';

/**
 * Demo channels stand for providers that are not connected: replies are recorded as sent
 * without leaving the machine, and the channel says so in its settings (`sandbox: true`).
 */
export const sandboxChannel: ChannelAdapter = {
  type: 'sandbox',
  settings: z.object({ sandbox: z.literal(true) }).passthrough(),
  secrets: z.object({}).strict(),
  async send(ctx) {
    return { externalId: `sandbox-${ctx.message.id}` };
  },
};
