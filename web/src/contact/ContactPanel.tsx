import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { api, ApiError, query } from '../api/client.js';
import { useChannels } from '../api/hooks.js';
import type { ContactDetail, ContactDto, Page } from '../api/types.js';
import { navigate } from '../app/router.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { formatAge } from '../i18n/format.js';
import { ChannelIcon, channelLabelKey } from '../inbox/channels.js';
import { ConsentPanel } from './ConsentPanel.js';
import { GoodwillPanel } from './GoodwillPanel.js';
import { PrivacyActions } from './PrivacyActions.js';

function MergeSearch({ target }: { target: ContactDetail }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [q, setQ] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const { data } = useQuery({
    queryKey: ['contact-search', q],
    queryFn: () => api.get<Page<ContactDto>>(`/api/v1/contacts${query({ q, limit: 8 })}`),
    enabled: q.trim().length >= 2,
  });
  const candidates = (data?.items ?? []).filter((c) => c.id !== target.id);

  async function merge(source: ContactDto) {
    const confirmText = t('contact.mergeConfirm', { source: source.name ?? source.email ?? source.id, target: target.name ?? target.id });
    if (!window.confirm(confirmText)) return;
    try {
      await api.post(`/api/v1/contacts/${target.id}/merge`, { sourceId: source.id });
      setMessage(t('contact.merged'));
      setQ('');
      await client.invalidateQueries({ queryKey: ['contact', target.id] });
      await client.invalidateQueries({ queryKey: ['conversations'] });
    } catch (err) {
      setMessage(t('common.error', { message: err instanceof ApiError ? err.message : String(err) }));
    }
  }

  return (
    <details className="merge">
      <summary>{t('contact.merge')}</summary>
      <label className="field compact">
        <span>{t('contact.mergeSearch')}</span>
        <input type="search" value={q} onChange={(e) => setQ(e.target.value)} />
      </label>
      <ul className="plain">
        {candidates.map((c) => (
          <li key={c.id}>
            <button type="button" className="link" onClick={() => void merge(c)}>{t('contact.mergeInto', { name: c.name ?? c.email ?? c.id })}</button>
          </li>
        ))}
      </ul>
      {message && <p role="status">{message}</p>}
    </details>
  );
}

function ContactEditor({ contact }: { contact: ContactDetail }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [notes, setNotes] = useState(contact.notes);
  const [tags, setTags] = useState(contact.tags.join(', '));
  const [status, setStatus] = useState<string | null>(null);

  useEffect(() => {
    setNotes(contact.notes);
    setTags(contact.tags.join(', '));
  }, [contact.id, contact.notes, contact.tags]);

  async function save(e: FormEvent) {
    e.preventDefault();
    try {
      const tagList = [...new Set(tags.split(',').map((s) => s.trim()).filter(Boolean))];
      await api.patch(`/api/v1/contacts/${contact.id}`, { notes, tags: tagList });
      setStatus(t('common.saved'));
      await client.invalidateQueries({ queryKey: ['contact', contact.id] });
    } catch (err) {
      setStatus(t('common.error', { message: err instanceof ApiError ? err.message : String(err) }));
    }
  }

  return (
    <form className="contact-edit" onSubmit={save}>
      <label className="field compact">
        <span>{t('contact.notes')}</span>
        <textarea data-testid="contact-notes" rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} />
      </label>
      <label className="field compact">
        <span>{t('contact.tags')} <span className="muted">({t('contact.tagsHint')})</span></span>
        <input data-testid="contact-tags" value={tags} onChange={(e) => setTags(e.target.value)} />
      </label>
      <div className="inline">
        <button type="submit">{t('common.save')}</button>
        {status && <span role="status" className="muted">{status}</span>}
      </div>
    </form>
  );
}

export function ContactPanel({ contactId, currentConversationId }: { contactId: string; currentConversationId: string }) {
  const { t, locale } = useI18n();
  const channels = useChannels().data ?? [];
  const { data } = useQuery({ queryKey: ['contact', contactId], queryFn: () => api.get<ContactDetail>(`/api/v1/contacts/${contactId}`) });
  if (!data) return <aside className="contact-panel" aria-label={t('contact.title')}><p className="muted">{t('common.loading')}</p></aside>;
  const channelOf = (id: string | null) => channels.find((c) => c.id === id);
  return (
    <aside className="contact-panel" aria-label={t('contact.title')} data-testid="contact-panel">
      <h2>{data.name ?? t('inbox.unknownContact')}</h2>
      <dl className="facts">
        {data.email && <><dt>{t('common.email')}</dt><dd>{data.email}</dd></>}
        {data.phone && <><dt>{t('contact.phone')}</dt><dd>{data.phone}</dd></>}
      </dl>
      {data.tags.length > 0 && <p className="tags">{data.tags.map((tag) => <span key={tag} className="pill label">{tag}</span>)}</p>}
      <GoodwillPanel conversationId={currentConversationId} contactId={data.id} lifetimeValue={data.lifetimeValue} />
      <h3>{t('contact.identities')}</h3>
      <ul className="plain identities">
        {data.identities.map((i) => {
          const ch = channelOf(i.channelId);
          return (
            <li key={i.id}>
              {ch ? <ChannelIcon type={ch.type} label={t(channelLabelKey(ch.type))} /> : <span className="channel-icon neutral" aria-hidden="true">@</span>}
              <span className="identity-value">{i.value}</span>
              <span className="muted small">{i.kind === 'email' ? t('common.email') : i.kind === 'phone' ? t('contact.phone') : (ch?.name ?? i.kind)}</span>
            </li>
          );
        })}
      </ul>
      <h3>{t('contact.conversations')}</h3>
      <ul className="plain past">
        {data.conversations.map((c) => (
          <li key={c.id}>
            <button type="button" className={`link${c.id === currentConversationId ? ' current' : ''}`} onClick={() => navigate(`/c/${c.id}`)}>
              <ChannelIcon type={c.channelType} label={t(channelLabelKey(c.channelType))} />
              <span className="past-text">{c.subject ?? c.preview}</span>
              <span className="muted small">{t(`status.${c.status}`)} · {formatAge(locale, c.lastMessageAt)}</span>
            </button>
          </li>
        ))}
      </ul>
      <ConsentPanel contactId={data.id} channelId={data.conversations.find((c) => c.id === currentConversationId)?.channelId ?? null} />
      <ContactEditor contact={data} />
      <MergeSearch target={data} />
      <PrivacyActions contactId={data.id} name={data.name ?? data.email ?? data.id} />
    </aside>
  );
}
