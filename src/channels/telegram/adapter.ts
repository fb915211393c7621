import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { AppError, isAppError } from '../../domain/errors.js';
import { type HttpAnswer, requestOutbound } from '../../security/outbound-http.js';
import { safeEqual } from '../../security/tokens.js';
import type { ChannelAdapter, ChannelConfig } from '../adapter.js';
import { failureFromNetwork } from '../http-failure.js';
import { jsonOrNull, webhookJson } from '../json.js';
import { GROUP_THREAD_PREFIX, messageFromUpdate, TelegramUpdate } from './payload.js';
import { paceChat } from './pace.js';

export const Settings = z
  .object({
    apiBaseUrl: z.url({ protocol: /^https?$/ }).max(2048).default('https://api.telegram.org'),
    /** `polling` (getUpdates) where Telegram cannot reach Parley's webhook address. */
    mode: z.enum(['webhook', 'polling']).default('webhook'),
  })
  .strict();

const Secrets = z
  .object({
    botToken: z.string().regex(/^\d{3,20}:[\w-]{20,100}$/, 'a bot token from @BotFather (123456:ABC…)'),
    secretToken: z.string().regex(/^[\w-]{16,256}$/, '16 to 256 letters, digits, _ or -'),
  })
  .strict();

const Answer = z.object({
  ok: z.boolean(),
  result: z.unknown().optional(),
  error_code: z.number().optional(),
  description: z.string().optional(),
  parameters: z.object({ retry_after: z.number().optional() }).optional(),
});

/** Turns a Bot API `{ ok: false }` answer into the error class retries act on. */
function telegramFailure(status: number, answer: z.infer<typeof Answer> | null): AppError {
  const code = answer?.error_code ?? status;
  const reason = `${answer?.description ?? `HTTP ${status}`} [${code}]`;
  if (code === 429) return new AppError('rate_limited', `Telegram rate limit: ${reason}`, { retryAfterMs: (answer?.parameters?.retry_after ?? 1) * 1000 });
  if (code >= 500) return new AppError('unavailable', `Telegram error: ${reason}`);
  if (code === 401 || code === 404) return new AppError('unauthorized', `Telegram refused the bot token: ${reason}`);
  if (code === 403) return new AppError('forbidden', `Telegram denied the message: ${reason}`);
  return new AppError('invalid', `Telegram rejected the message: ${reason}`);
}

/** Calls one Bot API method; returns its `result`. */
export async function callTelegram(channel: Pick<ChannelConfig, 'settings' | 'secrets'>, method: string, params: Record<string, unknown>, allowPrivateNetworks: boolean): Promise<unknown> {
  const settings = Settings.parse(channel.settings);
  const token = channel.secrets.botToken;
  if (!token) throw new AppError('unauthorized', 'This Telegram channel has no bot token; add one in the channel settings.');
  let res: HttpAnswer;
  try {
    res = await requestOutbound('POST', `${settings.apiBaseUrl}/bot${token}/${method}`, { 'content-type': 'application/json' }, JSON.stringify(params), { allowPrivateNetworks, timeoutMs: 30_000, maxBytes: 4 * 1024 * 1024 });
  } catch (err) {
    // The token is part of the address: never let it into an error message.
    if (isAppError(err)) throw err;
    throw failureFromNetwork(new Error((err instanceof Error ? err.message : String(err)).replaceAll(token, '***')));
  }
  const parsed = Answer.safeParse(jsonOrNull(res.text));
  const answer = parsed.success ? parsed.data : null;
  if (res.status !== 200 || !answer?.ok) throw telegramFailure(res.status, answer);
  return answer.result;
}

const Sent = z.object({ message_id: z.number().int(), chat: z.object({ id: z.number().int() }) });

/** A Telegram bot: webhook (secret-token header) or getUpdates polling in, sendMessage out. */
export const telegramChannel: ChannelAdapter = {
  type: 'telegram',
  settings: Settings,
  secrets: Secrets,
  generateSecrets: () => ({ secretToken: randomBytes(24).toString('base64url') }),
  webhook(req, channel) {
    const given = req.headers['x-telegram-bot-api-secret-token'] ?? '';
    const expected = channel.secrets.secretToken;
    if (!expected || given.length === 0 || !safeEqual(given, expected)) {
      throw new AppError('unauthorized', 'The X-Telegram-Bot-Api-Secret-Token header does not match this channel\'s secret token.');
    }
    const update = TelegramUpdate.safeParse(webhookJson(req));
    if (!update.success) throw new AppError('invalid', 'Not a Telegram update.');
    const message = messageFromUpdate(update.data);
    return { kind: 'events', messages: message ? [message] : [], reports: [] };
  },
  async send(ctx) {
    const threadKey = ctx.conversation.threadKey;
    const chatId = threadKey?.startsWith(GROUP_THREAD_PREFIX) ? threadKey.slice(GROUP_THREAD_PREFIX.length) : ctx.recipientId;
    if (!chatId) throw new AppError('invalid', 'The contact has no Telegram chat on this channel.');
    await paceChat(`${ctx.channel.id}/${chatId}`, chatId.startsWith('-'));
    const replyTo = ctx.lastInboundExternalId?.startsWith(`${chatId}:`) ? Number(ctx.lastInboundExternalId.slice(chatId.length + 1)) : null;
    const result = await callTelegram(
      { settings: ctx.channel.settings, secrets: ctx.secrets },
      'sendMessage',
      { chat_id: chatId, text: ctx.message.text.slice(0, 4096), ...(replyTo !== null && threadKey !== null && { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } }) },
      ctx.allowPrivateNetworks,
    );
    const sent = Sent.safeParse(result);
    if (!sent.success) throw new AppError('unavailable', 'Telegram answered without a message id.');
    return { externalId: `${sent.data.chat.id}:${sent.data.message_id}` };
  },
  async register(channel, webhookUrl, allowPrivateNetworks) {
    await callTelegram(channel, 'setWebhook', { url: webhookUrl, secret_token: channel.secrets.secretToken, allowed_updates: ['message'], drop_pending_updates: false }, allowPrivateNetworks);
  },
};
