import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import type { ChannelAdapter } from '../adapter.js';

const Settings = z.object({ number: z.string().trim().regex(/^\+?[0-9 ()./-]{3,32}$/, 'a phone number').optional() }).strict();

/**
 * The hotline. Calls are logged by agents (`POST /api/v1/calls`) and callbacks recorded with
 * their outcome; nothing is sent in writing, so a written reply here is refused with the way to go.
 */
export const phoneChannel: ChannelAdapter = {
  type: 'phone',
  settings: Settings,
  secrets: z.object({}).strict(),
  async send() {
    throw new AppError('invalid', 'A phone conversation is answered by calling: log the call, or record the callback\'s outcome, instead of writing a reply.');
  },
};
