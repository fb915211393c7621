// The widget's calls to Parley: anonymous, proven by the visitor token kept in the browser.

export interface WidgetConfig {
  name: string;
  online: boolean;
  preChatForm: boolean;
  greeting: { de: string; en: string };
}

export interface ChatFile {
  id: string;
  filename: string;
  size: number;
}

export interface ChatMessage {
  id: string;
  direction: 'inbound' | 'outbound';
  text: string;
  createdAt: string;
  files: ChatFile[];
}

export interface Visitor {
  token: string;
  name?: string;
  email?: string;
}

export function createWidgetApi(server: string, channelId: string) {
  const base = `${server}/api/v1/widget/${channelId}`;
  async function call<T>(method: string, path: string, token: string | null, body?: unknown): Promise<T> {
    const file = body instanceof File ? body : null;
    const res = await fetch(base + path, {
      method,
      headers: { ...(body !== undefined && { 'content-type': file ? file.type || 'application/octet-stream' : 'application/json' }), ...(token && { 'x-parley-visitor': token }) },
      ...(body !== undefined && { body: file ?? JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return (res.status === 204 ? null : await res.json()) as T;
  }
  return {
    config: () => call<WidgetConfig>('GET', '/config', null),
    join: () => call<{ token: string }>('POST', '/visitors', null),
    history: (token: string) => call<{ items: ChatMessage[] }>('GET', '/messages', token),
    send: (token: string, body: { clientId: string; text: string; attachmentIds: string[]; name?: string; email?: string }) => call<{ id: string; conversationId: string }>('POST', '/messages', token, body),
    upload: (token: string, file: File) => call<ChatFile>('POST', `/attachments?filename=${encodeURIComponent(file.name)}`, token, file),
    fileUrl: (token: string, id: string) => `${base}/attachments/${id}?visitor=${encodeURIComponent(token)}`,
    typing: (token: string, typing: boolean) => call<null>('POST', '/typing', token, { typing }),
    streamUrl: (token: string) => `${base.replace(/^http/, 'ws')}/stream?token=${encodeURIComponent(token)}`,
  };
}

export type WidgetApi = ReturnType<typeof createWidgetApi>;
