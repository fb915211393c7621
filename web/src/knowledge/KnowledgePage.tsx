import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, query } from '../api/client.js';
import { navigate } from '../app/router.js';
import { useReadySession } from '../auth/SessionProvider.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { formatAge } from '../i18n/format.js';
import { ArticleEditor } from './ArticleEditor.js';
import type { ArticleStatus, ArticleSummary, KbCategory } from './types.js';

/** The knowledge base: articles filtered by status, language, category and words, and the editor. */
export default function KnowledgePage({ articleId }: { articleId: string | null }) {
  const { t, locale } = useI18n();
  const session = useReadySession();
  const [status, setStatus] = useState<ArticleStatus | ''>('');
  const [language, setLanguage] = useState('');
  const [categoryId, setCategoryId] = useState('');
  const [q, setQ] = useState('');
  const filters = { status, language, categoryId, q: q.trim(), limit: 200 };
  const articles = useQuery({ queryKey: ['articles', filters], queryFn: () => api.get<{ items: ArticleSummary[] }>(`/api/v1/articles${query(filters)}`).then((r) => r.items) });
  const all = useQuery({ queryKey: ['articles', 'all'], queryFn: () => api.get<{ items: ArticleSummary[] }>('/api/v1/articles?limit=200').then((r) => r.items) });
  const categories = useQuery({ queryKey: ['kb-categories'], queryFn: () => api.get<{ items: KbCategory[] }>('/api/v1/kb-categories').then((r) => r.items) });
  const creating = articleId === 'new';
  const categoryName = new Map((categories.data ?? []).map((c) => [c.id, locale === 'de' ? c.nameDe : c.nameEn]));

  return (
    <main id="main" className="kb-page">
      <section className="kb-list" aria-labelledby="kb-title">
        <div className="page-head">
          <h2 id="kb-title">{t('kb.title.page')}</h2>
          {session.role !== 'viewer' && <button type="button" className="primary" data-testid="kb-new" onClick={() => navigate('/knowledge/new')}>{t('kb.new')}</button>}
        </div>
        <div className="kb-filters">
          <input type="search" aria-label={t('kb.search')} placeholder={t('kb.search')} value={q} onChange={(e) => setQ(e.target.value)} data-testid="kb-search" />
          <select aria-label={t('kb.statusLabel')} value={status} onChange={(e) => setStatus(e.target.value as ArticleStatus | '')}>
            <option value="">{t('kb.allStatuses')}</option>
            {(['draft', 'internal', 'published'] as const).map((s) => <option key={s} value={s}>{t(`kb.status.${s}`)}</option>)}
          </select>
          <select aria-label={t('kb.language')} value={language} onChange={(e) => setLanguage(e.target.value)}>
            <option value="">{t('kb.allLanguages')}</option>
            <option value="de">Deutsch</option>
            <option value="en">English</option>
          </select>
          <select aria-label={t('kb.category')} value={categoryId} onChange={(e) => setCategoryId(e.target.value)}>
            <option value="">{t('kb.allCategories')}</option>
            {(categories.data ?? []).map((c) => <option key={c.id} value={c.id}>{categoryName.get(c.id)}</option>)}
          </select>
        </div>
        {(articles.data ?? []).length === 0 && <p className="muted">{t('kb.none')}</p>}
        <ul className="plain">
          {(articles.data ?? []).map((a) => (
            <li key={a.id}>
              <a
                href={`/knowledge/${a.id}`}
                data-testid="kb-article"
                className={a.id === articleId ? 'view active' : 'view'}
                onClick={(e) => {
                  e.preventDefault();
                  navigate(`/knowledge/${a.id}`);
                }}
              >
                <span>{a.title}</span>
                <span className="muted small">
                  <span className={`pill kb-status ${a.status}`}>{t(`kb.status.${a.status}`)}</span> {a.language.toUpperCase()}
                  {a.categoryId && ` · ${categoryName.get(a.categoryId) ?? ''}`} · {formatAge(locale, a.updatedAt)}
                </span>
              </a>
            </li>
          ))}
        </ul>
      </section>
      <section className="kb-detail">
        {articleId || creating ? (
          <ArticleEditor key={articleId ?? 'new'} articleId={creating ? null : articleId} categories={categories.data ?? []} articles={all.data ?? []} />
        ) : (
          <p className="placeholder">{t('kb.pick')}</p>
        )}
      </section>
    </main>
  );
}
