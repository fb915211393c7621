import { useQuery } from '@tanstack/react-query';
import { forwardRef, useEffect, useRef } from 'react';
import { useUsers } from '../api/hooks.js';
import { api } from '../api/client.js';
import type { ConversationDetail, HistoryEvent, Page } from '../api/types.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { formatDateTime } from '../i18n/format.js';
import { ChannelIcon, channelLabelKey } from '../inbox/channels.js';
import { ContactPanel } from '../contact/ContactPanel.js';
import { ConversationActions } from './ConversationActions.js';
import { CsatResult } from './CsatResult.js';
import { MessageItem } from './MessageItem.js';
import { ReplyBox, type ReplyBoxHandle } from './ReplyBox.js';
import { SuggestionsPanel } from './SuggestionsPanel.js';

export function useConversation(id: string) {
  return useQuery({ queryKey: ['conversation', id], queryFn: () => api.get<ConversationDetail>(`/api/v1/conversations/${id}`) });
}

function History({ id }: { id: string }) {
  const { t, locale } = useI18n();
  const { data } = useQuery({ queryKey: ['history', id], queryFn: () => api.get<Page<HistoryEvent>>(`/api/v1/conversations/${id}/events`) });
  return (
    <details className="history">
      <summary>{t('conv.history')}</summary>
      <ol>
        {(data?.items ?? []).map((e) => (
          <li key={e.id}>
            <time dateTime={e.createdAt}>{formatDateTime(locale, e.createdAt)}</time> <code>{e.type}</code>
            {typeof e.data.note === 'string' && <q>{e.data.note}</q>}
          </li>
        ))}
      </ol>
    </details>
  );
}

export const ConversationView = forwardRef<ReplyBoxHandle, { id: string }>(function ConversationView({ id }, replyRef) {
  const { t } = useI18n();
  const { data, error, isLoading } = useConversation(id);
  const users = useUsers().data ?? [];
  const thread = useRef<HTMLDivElement>(null);
  const reply = useRef<ReplyBoxHandle | null>(null);
  const count = data?.messages.length ?? 0;
  // The box is reached from outside (keyboard shortcuts) and from the suggestions panel.
  const setReply = (handle: ReplyBoxHandle | null) => {
    reply.current = handle;
    if (typeof replyRef === 'function') replyRef(handle);
    else if (replyRef) replyRef.current = handle;
  };

  useEffect(() => {
    const el = thread.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [count, id]);

  if (isLoading) return <p className="placeholder" role="status">{t('common.loading')}</p>;
  if (error || !data) return <p className="error" role="alert">{t('common.error', { message: error instanceof Error ? error.message : '?' })}</p>;

  const channel = t(channelLabelKey(data.channelType));
  const contactName = data.contact.name ?? data.contactName ?? t('inbox.unknownContact');
  const authorOf = (authorUserId: string | null, direction: string) =>
    direction === 'inbound' ? contactName : (users.find((u) => u.id === authorUserId)?.name ?? t('app.name'));

  return (
    <div className="conversation-layout">
      <section className="conversation" aria-labelledby="conversation-title">
        <header className="conversation-head">
          <ChannelIcon type={data.channelType} label={channel} />
          <div>
            <h2 id="conversation-title">{contactName}</h2>
            <p className="muted">{data.subject ? `${data.subject} · ` : ''}{channel}{data.visibility === 'public' && <> · <span className="pill visibility public">{t('conv.publicConversation', { channel })}</span></>}</p>
          </div>
        </header>
        <ConversationActions conversation={data} />
        <CsatResult conversationId={data.id} />
        <div className="thread" ref={thread} aria-label={t('conv.messages')} tabIndex={0}>
          {data.messages.map((m) => <MessageItem key={m.id} message={m} authorName={authorOf(m.authorUserId, m.direction)} />)}
          <History id={data.id} />
        </div>
        <SuggestionsPanel conversationId={data.id} messageCount={count} onInsert={(text, articleId) => reply.current?.insertSuggestion(text, articleId)} />
        <ReplyBox key={data.id} ref={setReply} conversation={data} />
      </section>
      <ContactPanel contactId={data.contactId} currentConversationId={data.id} />
    </div>
  );
});
