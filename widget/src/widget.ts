import { type ChatMessage, createWidgetApi, type Visitor, type WidgetConfig } from './api.js';
import { pickWidgetLocale, strings } from './strings.js';
import { css } from './styles.js';

// <script src="https://parley.example/widget.js" data-channel="CHANNEL-ID" data-locale="de">

const script = document.currentScript;
const channelId = script?.getAttribute('data-channel');
const server = script instanceof HTMLScriptElement ? new URL(script.src).origin : window.location.origin;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

function start(id: string): void {
  const api = createWidgetApi(server, id);
  const t = strings[pickWidgetLocale(script?.getAttribute('data-locale') ?? null, navigator.languages)];
  const storageKey = `parley-widget:${id}`;
  const stored = localStorage.getItem(storageKey);
  let visitor: Visitor | null = stored ? (JSON.parse(stored) as Visitor) : null;
  let config: WidgetConfig | null = null;
  let socket: WebSocket | null = null;
  const shown = new Set<string>();

  const host = el('div', { id: 'parley-widget' });
  const root = host.attachShadow({ mode: 'open' });
  const log = el('div', { className: 'log', role: 'log' });
  log.setAttribute('aria-live', 'polite');
  const typing = el('div', { className: 'typing' });
  const error = el('div', { className: 'error', role: 'alert' });
  const title = el('strong');
  const status = el('small');
  const name = el('input', { name: 'name', placeholder: t.name, autocomplete: 'name' });
  const email = el('input', { name: 'email', type: 'email', placeholder: t.email, autocomplete: 'email' });
  const text = el('textarea', { name: 'message', placeholder: t.placeholder });
  const picker = el('input', { type: 'file', name: 'file', hidden: true });
  const attach = el('button', { className: 'attach', type: 'button', textContent: '📎', title: t.attach });
  attach.setAttribute('aria-label', t.attach);
  attach.addEventListener('click', () => picker.click());
  const form = el('form', {}, name, email, text, picker, attach, el('button', { className: 'send', type: 'submit', textContent: t.send }));
  const panel = el('section', { className: 'panel' }, el('header', {}, title, status), log, typing, error, form);
  panel.setAttribute('aria-label', t.open);
  const launcher = el('button', { className: 'launcher', type: 'button', textContent: '💬' });
  launcher.setAttribute('aria-label', t.open);
  root.append(el('style', { textContent: css }), panel, launcher);
  document.body.append(host);

  function show(m: ChatMessage): void {
    if (shown.has(m.id)) return;
    shown.add(m.id);
    // Text only: whatever a message holds is never read as markup.
    const bubble = el('div', { className: `msg ${m.direction}`, textContent: m.text });
    for (const f of m.files) {
      if (visitor) bubble.append(el('br'), el('a', { href: api.fileUrl(visitor.token, f.id), textContent: `📎 ${f.filename}`, download: f.filename, rel: 'noopener' }));
    }
    log.append(bubble);
    log.scrollTop = log.scrollHeight;
  }

  function askForDetails(): void {
    const needEmail = config ? !config.online : false;
    const ask = !visitor?.email && (needEmail || (config?.preChatForm ?? false));
    name.hidden = !ask;
    email.hidden = !ask;
    email.required = ask && needEmail;
  }

  async function ensureVisitor(): Promise<Visitor> {
    if (visitor) return visitor;
    const joined = await api.join();
    visitor = { token: joined.token };
    localStorage.setItem(storageKey, JSON.stringify(visitor));
    return visitor;
  }

  function connect(v: Visitor): void {
    socket = new WebSocket(api.streamUrl(v.token));
    socket.onmessage = (e) => {
      const frame = JSON.parse(String(e.data)) as { type: string; data?: { typing?: boolean } & Partial<ChatMessage> };
      if (frame.type === 'message' && frame.data?.id) show({ files: [], ...frame.data } as ChatMessage);
      if (frame.type === 'typing') {
        typing.textContent = frame.data?.typing ? `${config?.name ?? ''} ${t.typing}` : '';
      }
    };
    socket.onclose = () => {
      socket = null;
      setTimeout(() => visitor && connect(visitor), 3000);
    };
  }

  async function open(): Promise<void> {
    panel.classList.add('open');
    launcher.setAttribute('aria-label', t.close);
    if (config) return;
    config = await api.config();
    title.textContent = config.name;
    status.textContent = config.online ? t.online : t.offline;
    const locale = pickWidgetLocale(script?.getAttribute('data-locale') ?? null, navigator.languages);
    log.append(el('div', { className: 'note', textContent: config.greeting[locale] }));
    askForDetails();
    if (visitor) {
      for (const m of (await api.history(visitor.token)).items) show(m);
      connect(visitor);
    }
  }

  let typingTimer: ReturnType<typeof setTimeout> | null = null;
  text.addEventListener('input', () => {
    if (!visitor) return;
    if (!typingTimer) void api.typing(visitor.token, true).catch(() => {});
    if (typingTimer) clearTimeout(typingTimer);
    typingTimer = setTimeout(() => {
      typingTimer = null;
      if (visitor) void api.typing(visitor.token, false).catch(() => {});
    }, 3000);
  });
  text.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      form.requestSubmit();
    }
  });

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const body = text.value.trim();
    const file = picker.files?.[0] ?? null;
    if (!body && !file) return;
    error.textContent = '';
    void (async () => {
      try {
        const v = await ensureVisitor();
        const details = { ...(name.value.trim() && { name: name.value.trim() }), ...(email.value.trim() && { email: email.value.trim() }) };
        const uploaded = file ? [await api.upload(v.token, file)] : [];
        const sent = await api.send(v.token, { clientId: crypto.randomUUID(), text: body, attachmentIds: uploaded.map((f) => f.id), ...details });
        picker.value = '';
        if (details.email || details.name) {
          visitor = { ...v, ...details };
          localStorage.setItem(storageKey, JSON.stringify(visitor));
          askForDetails();
        }
        text.value = '';
        show({ id: sent.id, direction: 'inbound', text: body || uploaded.map((f) => f.filename).join(', '), createdAt: new Date().toISOString(), files: uploaded });
        if (!socket) connect(v);
        const watch = () => socket?.send(JSON.stringify({ watch: sent.conversationId }));
        if (socket?.readyState === WebSocket.OPEN) watch();
        else socket?.addEventListener('open', watch, { once: true });
      } catch {
        error.textContent = t.failed;
      }
    })();
  });

  launcher.addEventListener('click', () => {
    if (panel.classList.contains('open')) {
      panel.classList.remove('open');
      launcher.setAttribute('aria-label', t.open);
    } else {
      void open().catch(() => (error.textContent = t.failed));
    }
  });
}

if (channelId) start(channelId);
