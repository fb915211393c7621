import { api, type StreamClient, type Tenant, type TestParley } from './parley.js';

// What the channel tests share: posting a provider's delivery and finding what it stored.

export type StoredMessage = { id: string; text: string; direction: string; visibility: string; deliveryStatus: string | null; deliveryError: string | null; externalId: string | null };

export async function deliver(p: TestParley, path: string, body: string, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  const res = await fetch(p.url + path, { method: 'POST', headers, body });
  return { status: res.status, text: await res.text() };
}

export async function conversationMessages(p: TestParley, t: Tenant, conversationId: string): Promise<StoredMessage[]> {
  return (await api<{ messages: StoredMessage[] }>(p, 'GET', `/api/v1/conversations/${conversationId}`, t.token)).body.messages;
}

/** The conversation holding the message the provider knows by `externalId`. */
export async function conversationOf(p: TestParley, t: Tenant, externalId: string): Promise<{ id: string; visibility: string; contact: { name: string | null } }> {
  const row = await p.db.selectFrom('messages').select('conversationId').where('workspaceId', '=', t.workspaceId).where('externalId', '=', externalId).executeTakeFirst();
  if (!row) throw new Error(`no conversation holds ${externalId}`);
  return (await api<{ id: string; visibility: string; contact: { name: string | null } }>(p, 'GET', `/api/v1/conversations/${row.conversationId}`, t.token)).body;
}

export async function conversationCount(p: TestParley, t: Tenant): Promise<number> {
  return (await api<{ items: unknown[] }>(p, 'GET', '/api/v1/conversations?limit=100', t.token)).body.items.length;
}

/** An agent's reply; `visibility: 'private'` in a public conversation asks for a private reply. */
export async function agentReply(p: TestParley, t: Tenant, conversationId: string, text: string, visibility?: 'public' | 'private'): Promise<string> {
  return (await api<{ id: string }>(p, 'POST', `/api/v1/conversations/${conversationId}/messages`, t.tokens.agent, { text, type: 'reply', ...(visibility && { visibility }) })).body.id;
}

/** Waits for the delivery worker to record a reply as sent or failed. */
export function settled(stream: StreamClient, messageId: string, status: 'sent' | 'failed', timeoutMs = 10_000) {
  return stream.waitFor((e) => e.type === 'message.updated' && e.data.id === messageId && e.data.deliveryStatus === status, timeoutMs);
}
