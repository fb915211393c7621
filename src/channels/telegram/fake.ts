import { type FakeAnswer, type FakeProvider, type FakeRequest, isRecord, startFakeProvider } from '../fake-provider.js';

type Update = { update_id: number } & Record<string, unknown>;

// A contract fake of the Telegram Bot API as documented: POST /bot<token>/<method> with a JSON
// body, `{ ok: true, result }` or `{ ok: false, error_code, description, parameters }`.

export function tooManyRequests(retryAfter: number): FakeAnswer {
  return { status: 429, body: { ok: false, error_code: 429, description: `Too Many Requests: retry after ${retryAfter}`, parameters: { retry_after: retryAfter } } };
}

export interface TelegramFake extends FakeProvider {
  sent: FakeRequest[];
  webhook: { url: string; secretToken: string } | null;
  /** Updates that getUpdates hands out. */
  pending: Update[];
}

export async function startTelegramFake(botToken: string): Promise<TelegramFake> {
  const state: { sent: FakeRequest[]; webhook: TelegramFake['webhook']; pending: Update[]; nextId: number } = { sent: [], webhook: null, pending: [], nextId: 100 };
  const ok = (result: unknown): FakeAnswer => ({ status: 200, body: { ok: true, result } });
  const bad = (description: string): FakeAnswer => ({ status: 400, body: { ok: false, error_code: 400, description: `Bad Request: ${description}` } });
  const provider = await startFakeProvider((req) => {
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(req.path);
    if (!match) return null;
    if (match[1] !== botToken) return { status: 401, body: { ok: false, error_code: 401, description: 'Unauthorized' } };
    const params = isRecord(req.json) ? req.json : {};
    switch (match[2]) {
      case 'sendMessage': {
        if (params.chat_id === undefined) return bad('chat_id is empty');
        if (typeof params.text !== 'string' || params.text.trim() === '') return bad('message text is empty');
        if (params.text.length > 4096) return bad('message is too long');
        state.sent.push(req);
        return ok({ message_id: ++state.nextId, date: Math.floor(Date.now() / 1000), chat: { id: Number(params.chat_id), type: 'private' }, text: params.text });
      }
      case 'setWebhook': {
        if (typeof params.url !== 'string' || !/^https?:\/\//.test(params.url)) return bad('bad webhook: invalid URL');
        if (params.secret_token !== undefined && (typeof params.secret_token !== 'string' || !/^[\w-]{1,256}$/.test(params.secret_token))) return bad('secret token contains unallowed characters');
        state.webhook = { url: params.url, secretToken: String(params.secret_token ?? '') };
        return ok(true);
      }
      case 'getUpdates': {
        if (state.webhook) return { status: 409, body: { ok: false, error_code: 409, description: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first" } };
        const offset = typeof params.offset === 'number' ? params.offset : 0;
        // Confirming an offset forgets every update before it, as Telegram does.
        state.pending = state.pending.filter((u) => u.update_id >= offset);
        return ok(state.pending.slice(0, typeof params.limit === 'number' ? params.limit : 100));
      }
      default:
        return { status: 404, body: { ok: false, error_code: 404, description: 'Not Found' } };
    }
  });
  return {
    ...provider,
    get sent() {
      return state.sent;
    },
    get webhook() {
      return state.webhook;
    },
    get pending() {
      return state.pending;
    },
  };
}

/** An update as Telegram sends it for a private text message. */
export function telegramTextUpdate(updateId: number, m: { chatId: number; messageId: number; firstName: string; lastName?: string; text: string }): Update {
  return {
    update_id: updateId,
    message: {
      message_id: m.messageId,
      from: { id: m.chatId, is_bot: false, first_name: m.firstName, ...(m.lastName && { last_name: m.lastName }), language_code: 'de' },
      chat: { id: m.chatId, first_name: m.firstName, type: 'private' },
      date: Math.floor(Date.now() / 1000),
      text: m.text,
    },
  };
}
