import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, ApiError } from '../api/client.js';
import { navigate } from '../app/router.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { formatDateTime, formatDuration } from '../i18n/format.js';
import type { MessageKey } from '../i18n/en.js';
import { statusKey } from './status.js';
import { Stars } from './Stars.js';
import type { ReplyTemplateDto, ReviewDetailDto } from './types.js';

interface Refusal {
  message: string;
  spans: { kind: string; text: string }[];
}

const historyKey = (type: string) => `reviews.history.${type.replace('review.', '')}` as MessageKey;

export function ReviewDetail({ conversationId }: { conversationId: string }) {
  const { t, locale } = useI18n();
  const client = useQueryClient();
  const detail = useQuery({ queryKey: ['reviews', 'detail', conversationId], queryFn: () => api.get<ReviewDetailDto>(`/api/v1/reviews/${conversationId}`) });
  const templates = useQuery({ queryKey: ['review-templates'], queryFn: () => api.get<{ items: ReplyTemplateDto[] }>('/api/v1/review-templates').then((p) => p.items) });
  const [text, setText] = useState('');
  const [reason, setReason] = useState('');
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);
  const r = detail.data;

  useEffect(() => {
    setText(r?.draft?.text ?? '');
    setRefusal(null);
  }, [r?.conversationId, r?.draft?.text]);

  async function act(fn: () => Promise<unknown>) {
    setRefusal(null);
    setBusy(true);
    try {
      await fn();
      await client.invalidateQueries({ queryKey: ['reviews'] });
    } catch (err) {
      const details = err instanceof ApiError ? (err.details as { spans?: Refusal['spans'] } | null) : null;
      setRefusal({ message: err instanceof ApiError ? err.message : String(err), spans: details?.spans ?? [] });
    } finally {
      setBusy(false);
    }
  }

  async function fill(templateId?: string) {
    await act(async () => {
      const res = await api.get<{ text: string | null }>(`/api/v1/reviews/${conversationId}/reply-suggestion${templateId ? `?templateId=${templateId}` : ''}`);
      if (res.text === null) throw new Error(t('reviews.noTemplate'));
      setText(res.text);
    });
  }

  if (detail.error) return <p className="error" role="alert">{t('common.error', { message: detail.error.message })}</p>;
  if (!r) return <p className="placeholder" role="status">{t('common.loading')}</p>;
  const status = r.draft?.status ?? r.responseStatus;

  return (
    <article className="review-detail" data-testid="review-detail" aria-labelledby="review-author">
      <header className="review-detail-head">
        <Stars rating={r.rating} />
        <h2 id="review-author">{r.author ?? t('reviews.anonymous')}</h2>
        <span className="pill">{r.portal}</span>
        <span className={`pill review-status ${r.responseStatus}`} data-testid="review-detail-status">{t(statusKey(r.responseStatus))}</span>
        {r.overdue && <span className="pill urgent">{t('reviews.overdue')}</span>}
      </header>
      <p className="review-body">{r.text}</p>
      <dl className="review-facts">
        <dt>{t('reviews.posted')}</dt><dd>{formatDateTime(locale, r.postedAt)}</dd>
        <dt>{t('reviews.due')}</dt><dd>{formatDateTime(locale, r.responseDueAt)}</dd>
        {r.timeToRespondSeconds !== null && (<><dt>{t('reviews.timeToRespond')}</dt><dd>{formatDuration(locale, r.timeToRespondSeconds * 1000)}</dd></>)}
        {r.language && (<><dt>{t('reviews.language')}</dt><dd>{r.language}</dd></>)}
        {r.sentiment && (<><dt>{t('reviews.sentiment')}</dt><dd>{t(`sentiment.${r.sentiment}` as MessageKey)}</dd></>)}
        {r.category && (<><dt>{t('reviews.topic')}</dt><dd>{t(`category.${r.category}` as MessageKey)}</dd></>)}
        {r.product && (<><dt>{t('reviews.product')}</dt><dd>{r.product}</dd></>)}
        {r.location && (<><dt>{t('reviews.location')}</dt><dd>{r.location}</dd></>)}
        <dt>{t('reviews.owner')}</dt><dd data-testid="review-owner">{r.ownerDepartment ?? '–'}</dd>
        {r.approvalDepartment && (<><dt>{t('reviews.approvalBy')}</dt><dd data-testid="review-approval-department">{r.approvalDepartment}</dd></>)}
      </dl>

      <section className="review-reply" aria-labelledby="review-reply-title">
        <h3 id="review-reply-title">{t('reviews.reply')}</h3>
        {r.draft?.status === 'rejected' && <p className="error" data-testid="review-rejection">{t('reviews.rejectedBecause', { reason: r.draft.rejectionReason ?? '' })}</p>}
        {r.you.canDraft && (
          <div className="inline-form">
            <button type="button" data-testid="review-suggest" disabled={busy} onClick={() => void fill()}>{t('reviews.suggest')}</button>
            <select aria-label={t('reviews.template')} data-testid="review-template" value="" disabled={busy} onChange={(e) => e.target.value && void fill(e.target.value)}>
              <option value="">{t('reviews.pickTemplate')}</option>
              {(templates.data ?? []).map((tpl) => <option key={tpl.id} value={tpl.id}>{tpl.name}</option>)}
            </select>
          </div>
        )}
        <textarea data-testid="review-draft" aria-label={t('reviews.reply')} rows={6} value={text} readOnly={!r.you.canDraft} onChange={(e) => setText(e.target.value)} />
        <div className="inline-form">
          {r.you.canDraft && <button type="button" data-testid="review-save-draft" disabled={busy || !text.trim()} onClick={() => void act(() => api.post(`/api/v1/reviews/${conversationId}/drafts`, { text }))}>{t('reviews.saveDraft')}</button>}
          {r.you.canPublish && text === r.draft?.text && <button type="button" className="primary" data-testid="review-publish" disabled={busy} onClick={() => void act(() => api.post(`/api/v1/reviews/${conversationId}/publish`))}>{t('reviews.publish')}</button>}
          {status === 'awaiting_approval' && !r.you.canDecide && <span className="muted" data-testid="review-waiting">{t('reviews.waitingFor', { department: r.draft?.approvalDepartment ?? '' })}</span>}
        </div>
        {r.you.canDecide && (
          <div className="inline-form review-decide">
            <button type="button" className="primary" data-testid="review-approve" disabled={busy} onClick={() => void act(() => api.post(`/api/v1/reviews/${conversationId}/approve`))}>{t('reviews.approve')}</button>
            <input aria-label={t('reviews.rejectReason')} placeholder={t('reviews.rejectReason')} data-testid="review-reject-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
            <button type="button" data-testid="review-reject" disabled={busy || !reason.trim()} onClick={() => void act(() => api.post(`/api/v1/reviews/${conversationId}/reject`, { reason }))}>{t('reviews.reject')}</button>
          </div>
        )}
        {refusal && (
          <div className="error" role="alert" data-testid="review-error">
            <p>{refusal.message}</p>
            {refusal.spans.length > 0 && <ul>{refusal.spans.map((s, i) => <li key={i}><code>{s.text}</code> ({s.kind})</li>)}</ul>}
          </div>
        )}
      </section>

      <section aria-labelledby="review-history-title">
        <h3 id="review-history-title">{t('reviews.historyTitle')}</h3>
        {r.history.length === 0 && <p className="muted">{t('reviews.noHistory')}</p>}
        <ol className="plain review-history" data-testid="review-history">
          {r.history.map((h) => (
            <li key={h.id} data-testid="review-history-entry">
              {t(historyKey(h.type), { who: h.actorName ?? t('reviews.apiToken'), department: h.data.department ?? '' })}
              {h.data.reason && <q> {h.data.reason}</q>}
              <span className="muted small"> · {formatDateTime(locale, h.createdAt)}</span>
            </li>
          ))}
        </ol>
        <a href={`/c/${conversationId}`} onClick={(e) => { e.preventDefault(); navigate(`/c/${conversationId}`); }}>{t('reviews.openConversation')}</a>
      </section>
    </article>
  );
}
