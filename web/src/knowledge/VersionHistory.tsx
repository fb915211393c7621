import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiError } from '../api/client.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { formatAge } from '../i18n/format.js';
import type { Article, ArticleVersion, ArticleVersionDetail } from './types.js';

/** Every saved version; one opens as a diff against the current text and can be restored. */
export function VersionHistory({ article, readOnly }: { article: Article; readOnly: boolean }) {
  const { t, locale } = useI18n();
  const client = useQueryClient();
  const [open, setOpen] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const versions = useQuery({
    queryKey: ['article-versions', article.id, article.version],
    queryFn: () => api.get<{ items: ArticleVersion[] }>(`/api/v1/articles/${article.id}/versions`).then((r) => r.items),
  });
  const detail = useQuery({
    queryKey: ['article-version', article.id, open, article.version],
    queryFn: () => api.get<ArticleVersionDetail>(`/api/v1/articles/${article.id}/versions/${open}`),
    enabled: open !== null,
  });

  async function restore(version: number) {
    setError(null);
    try {
      const restored = await api.post<Article>(`/api/v1/articles/${article.id}/versions/${version}/restore`);
      client.setQueryData(['article', article.id], restored);
      await client.invalidateQueries({ queryKey: ['articles'] });
      setOpen(null);
    } catch (err) {
      setError(t('common.error', { message: err instanceof ApiError ? err.message : String(err) }));
    }
  }

  return (
    <section className="kb-versions" aria-label={t('kb.versions')}>
      <h3>{t('kb.versions')}</h3>
      <ul className="plain">
        {(versions.data ?? []).map((v) => (
          <li key={v.version}>
            <button type="button" data-testid="kb-version" className={open === v.version ? 'view active' : 'view'} onClick={() => setOpen(open === v.version ? null : v.version)}>
              {t('kb.version', { n: v.version })} · {v.title} <span className="muted small">{formatAge(locale, v.createdAt)}</span>
            </button>
          </li>
        ))}
      </ul>
      {open !== null && detail.data && (
        <div className="kb-diff" data-testid="kb-diff">
          <p className="muted small">{t('kb.diffExplained', { n: open })}</p>
          <pre>
            {detail.data.diff.map((part, i) => (
              <span key={i} className={`diff-${part.kind}`}>{part.text.replace(/\n$/, '').split('\n').map((line) => `${part.kind === 'added' ? '+ ' : part.kind === 'removed' ? '- ' : '  '}${line}`).join('\n')}{'\n'}</span>
            ))}
          </pre>
          {!readOnly && open !== article.version && <button type="button" data-testid="kb-restore" onClick={() => void restore(open)}>{t('kb.restore', { n: open })}</button>}
        </div>
      )}
      {error && <p className="error" role="alert">{error}</p>}
    </section>
  );
}
