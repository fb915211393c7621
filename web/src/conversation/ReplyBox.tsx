import { useQueryClient } from '@tanstack/react-query';
import { forwardRef, useImperativeHandle, useRef, useState, type KeyboardEvent } from 'react';
import { useCanned, useUsers } from '../api/hooks.js';
import { api, ApiError } from '../api/client.js';
import { isMessageKey } from '../i18n/translate.js';
import type { ConversationDetail, MessageDto } from '../api/types.js';
import { useReadySession } from '../auth/SessionProvider.js';
import { renderTemplate } from '../canned/template.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { channelLabelKey } from '../inbox/channels.js';
import { applyMessage } from '../live/inbox-reducer.js';
import { CONSENT_SOURCE_ID } from '../contact/ConsentPanel.js';
import { EMOJI } from './emoji.js';
import { insertMention, mentionAt, suggestUsers } from './mentions.js';

export interface ReplyBoxHandle {
  focus(): void;
  /** Puts a suggested answer into the reply for the agent to adapt, remembering the article it came from. */
  insertSuggestion(text: string, articleId?: string): void;
}

type Mode = 'reply' | 'note';

/** The kinds of personal data a refused public reply holds, or null for any other error. */
function personalDataKinds(err: unknown): string[] | null {
  if (!(err instanceof ApiError) || err.code !== 'conflict') return null;
  const details = err.details;
  if (typeof details !== 'object' || details === null || !('reason' in details) || details.reason !== 'personal_data' || !('kinds' in details) || !Array.isArray(details.kinds)) return null;
  return details.kinds.filter((k): k is string => typeof k === 'string');
}

/** The server refused a reply as unsolicited outreach: the person has not agreed to be contacted. */
function consentRequired(err: unknown): boolean {
  return err instanceof ApiError && err.code === 'conflict' && typeof err.details === 'object' && err.details !== null && 'reason' in err.details && err.details.reason === 'consent_required';
}

function showConsentForm() {
  const input = document.getElementById(CONSENT_SOURCE_ID);
  input?.scrollIntoView({ block: 'center' });
  input?.focus();
}

export const ReplyBox = forwardRef<ReplyBoxHandle, { conversation: ConversationDetail }>(function ReplyBox({ conversation }, ref) {
  const { t } = useI18n();
  const session = useReadySession();
  const client = useQueryClient();
  const users = useUsers().data ?? [];
  const area = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState('');
  const [mode, setMode] = useState<Mode>('reply');
  const [visibility, setVisibility] = useState<'public' | 'private'>(conversation.visibility);
  const [caret, setCaret] = useState(0);
  const [emojiOpen, setEmojiOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // A public reply the server found personal data in: the agent decides (private, or post anyway).
  const [personalData, setPersonalData] = useState<string[] | null>(null);
  const [needsConsent, setNeedsConsent] = useState<'public' | 'private' | null>(null);
  const [activeSuggestion, setActiveSuggestion] = useState(0);
  const canned = useCanned().data ?? [];
  const [articleIds, setArticleIds] = useState<string[]>([]);

  useImperativeHandle(ref, () => ({
    focus: () => area.current?.focus(),
    insertSuggestion: (snippet: string, articleId?: string) => {
      setMode('reply');
      insert(snippet);
      if (articleId) setArticleIds((ids) => (ids.includes(articleId) ? ids : [...ids, articleId]));
    },
  }));

  const mention = mode === 'note' ? mentionAt(text, caret) : null;
  const suggestions = mention ? suggestUsers(users, mention.term) : [];
  const channel = t(channelLabelKey(conversation.channelType));

  function insert(snippet: string) {
    const el = area.current;
    const at = el?.selectionStart ?? text.length;
    const next = text.slice(0, at) + snippet + text.slice(el?.selectionEnd ?? at);
    setText(next);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(at + snippet.length, at + snippet.length);
    });
  }

  function pickMention(name: string) {
    if (!mention) return;
    const next = insertMention(text, mention, name);
    setText(next.text);
    setCaret(next.caret);
    requestAnimationFrame(() => {
      area.current?.focus();
      area.current?.setSelectionRange(next.caret, next.caret);
    });
  }

  async function send(options: { confirmPersonalData?: boolean; visibility?: 'public' | 'private' } = {}) {
    if (!text.trim() || busy) return;
    setBusy(true);
    setError(null);
    setPersonalData(null);
    setNeedsConsent(null);
    const chosen = options.visibility ?? visibility;
    try {
      const body = mode === 'note' ? { text, type: 'note' } : { text, type: 'reply', ...(conversation.visibility === 'public' && { visibility: chosen }), ...(options.confirmPersonalData && { confirmPersonalData: true }), ...(articleIds.length > 0 && { articleIds }) };
      const message = await api.post<MessageDto>(`/api/v1/conversations/${conversation.id}/messages`, body);
      client.setQueryData<ConversationDetail>(['conversation', conversation.id], (d) => (d ? { ...d, messages: applyMessage(d.messages, message) } : d));
      setText('');
      if (mode === 'reply') setArticleIds([]);
    } catch (err) {
      const kinds = personalDataKinds(err);
      if (kinds) setPersonalData(kinds);
      else if (consentRequired(err)) setNeedsConsent(conversation.visibility === 'public' ? chosen : 'private');
      else setError(t('common.error', { message: err instanceof ApiError ? err.message : String(err) }));
    } finally {
      setBusy(false);
    }
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (suggestions.length > 0) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        setActiveSuggestion((i) => (i + (e.key === 'ArrowDown' ? 1 : suggestions.length - 1)) % suggestions.length);
        return;
      }
      if (e.key === 'Enter' || e.key === 'Tab') {
        e.preventDefault();
        const user = suggestions[activeSuggestion] ?? suggestions[0];
        if (user) pickMention(user.name);
        return;
      }
    }
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void send();
    }
  }

  const ctx = { contact: { name: conversation.contact.name }, agent: { name: session.user.name } };
  return (
    <section className={`reply-box mode-${mode}`} aria-label={t('reply.label')}>
      <div className="reply-tabs" role="radiogroup" aria-label={t('reply.mode')}>
        <label className={mode === 'reply' ? 'tab active' : 'tab'}>
          <input type="radio" name="reply-mode" value="reply" checked={mode === 'reply'} onChange={() => setMode('reply')} data-testid="mode-reply" />
          {t('reply.reply', { channel })}
        </label>
        <label className={mode === 'note' ? 'tab active' : 'tab'}>
          <input type="radio" name="reply-mode" value="note" checked={mode === 'note'} onChange={() => setMode('note')} data-testid="mode-note" />
          {t('reply.note')}
        </label>
        {mode === 'reply' && conversation.visibility === 'public' && (
          <select aria-label={t('reply.mode')} data-testid="reply-visibility" value={visibility} onChange={(e) => setVisibility(e.target.value as 'public' | 'private')}>
            <option value="public">{t('reply.public')}</option>
            <option value="private">{t('reply.private')}</option>
          </select>
        )}
      </div>
      <div className="reply-input">
        <textarea
          ref={area}
          data-testid="reply-box"
          aria-label={mode === 'note' ? t('reply.note') : t('reply.reply', { channel })}
          placeholder={mode === 'note' ? t('reply.placeholderNote') : t('reply.placeholderReply')}
          value={text}
          rows={4}
          onChange={(e) => {
            setText(e.target.value);
            setCaret(e.target.selectionStart);
            setActiveSuggestion(0);
          }}
          onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
          onKeyDown={onKeyDown}
          aria-autocomplete={mode === 'note' ? 'list' : undefined}
          aria-controls={suggestions.length > 0 ? 'mention-list' : undefined}
        />
        {suggestions.length > 0 && (
          <ul id="mention-list" className="mentions" role="listbox" aria-label={t('reply.mentions')}>
            {suggestions.map((u, i) => (
              <li key={u.id} role="option" aria-selected={i === activeSuggestion}>
                <button type="button" onMouseDown={(e) => e.preventDefault()} onClick={() => pickMention(u.name)}>{u.name} <span className="muted">{u.email}</span></button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="reply-tools">
        <select aria-label={t('reply.canned')} data-testid="canned-select" value="" onChange={(e) => {
          const picked = canned.find((c) => c.id === e.target.value);
          if (picked) insert(renderTemplate(picked.body, ctx));
        }}>
          <option value="">{canned.length ? t('reply.canned') : t('reply.noCanned')}</option>
          {canned.map((c) => <option key={c.id} value={c.id}>{c.title}</option>)}
        </select>
        <div className="emoji-wrap">
          <button type="button" className="ghost" aria-label={t('reply.emoji')} aria-expanded={emojiOpen} onClick={() => setEmojiOpen((o) => !o)}>😊</button>
          {emojiOpen && (
            <div className="emoji-grid" role="group" aria-label={t('reply.emoji')}>
              {EMOJI.map((e) => <button key={e} type="button" onClick={() => { insert(e); setEmojiOpen(false); }} aria-label={e}>{e}</button>)}
            </div>
          )}
        </div>
        <span className="spacer" />
        {error && <span className="error" role="alert">{error}</span>}
        {personalData && (
          <span className="error" role="alert" data-testid="personal-data-warning">
            {t('reply.personalData', { kinds: personalData.map((k) => { const key = `pii.${k}`; return isMessageKey(key) ? t(key) : k; }).join(', ') })}{' '}
            <button type="button" onClick={() => void send({ visibility: 'private' })}>{t('reply.sendPrivately')}</button>{' '}
            <button type="button" data-testid="personal-data-confirm" onClick={() => void send({ confirmPersonalData: true })}>{t('reply.sendAnyway')}</button>
          </span>
        )}
        {needsConsent && (
          <span className="error" role="alert" data-testid="consent-required">
            {t(needsConsent === 'private' ? 'consent.requiredPrivate' : 'consent.requiredPublic', { name: conversation.contact.name ?? t('inbox.unknownContact') })}{' '}
            {needsConsent === 'private' && conversation.visibility === 'public' && <button type="button" onClick={() => void send({ visibility: 'public' })}>{t('consent.answerPublicly')}</button>}{' '}
            <button type="button" data-testid="consent-record-link" onClick={showConsentForm}>{t('consent.recordLink')}</button>
          </span>
        )}
        <button type="button" data-testid="reply-send" className="primary" disabled={busy || !text.trim()} onClick={() => void send()}>
          {busy ? t('reply.sending') : mode === 'note' ? t('reply.addNote') : t('reply.send')}
        </button>
      </div>
    </section>
  );
});
