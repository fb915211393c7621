import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { api, ApiError } from '../api/client.js';
import { navigate } from '../app/router.js';
import { useReadySession } from '../auth/SessionProvider.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { previewHtml } from './preview.js';
import type { Article, ArticleLanguage, ArticleSummary, KbCategory } from './types.js';
import { VersionHistory } from './VersionHistory.js';

interface Draft {
  language: ArticleLanguage;
  title: string;
  bodyMd: string;
  categoryId: string;
  tags: string;
  status: 'draft' | 'internal';
  relatedIds: string[];
}

function draftOf(a: Article | null, language: ArticleLanguage): Draft {
  return {
    language: a?.language ?? language,
    title: a?.title ?? '',
    bodyMd: a?.bodyMd ?? '',
    categoryId: a?.categoryId ?? '',
    tags: a?.tags.join(', ') ?? '',
    status: a?.status === 'internal' ? 'internal' : 'draft',
    relatedIds: a?.relatedIds ?? [],
  };
}

/** Edits one article, or writes a new one when there is none. */
function EditorForm({ article, categories, articles }: { article: Article | null; categories: KbCategory[]; articles: ArticleSummary[] }) {
  const { t, locale } = useI18n();
  const session = useReadySession();
  const client = useQueryClient();
  const [d, setD] = useState<Draft>(() => draftOf(article, locale === 'en' ? 'en' : 'de'));
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const preview = useMemo(() => previewHtml(d.bodyMd), [d.bodyMd]);
  const isAdmin = session.role === 'admin';
  // Agents write drafts; a published article is an admin's (docs/knowledge-base.md).
  const readOnly = session.role === 'viewer' || (article?.status === 'published' && !isAdmin);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setSaved(false);
    setD((prev) => ({ ...prev, [key]: value }));
  };

  async function run(action: () => Promise<Article>) {
    setError(null);
    try {
      const result = await action();
      client.setQueryData(['article', result.id], result);
      await client.invalidateQueries({ queryKey: ['articles'] });
      setSaved(true);
      if (result.id !== article?.id) navigate(`/knowledge/${result.id}`);
    } catch (err) {
      setError(t('common.error', { message: err instanceof ApiError ? err.message : String(err) }));
    }
  }

  function save(e: FormEvent) {
    e.preventDefault();
    const tags = d.tags.split(',').map((s) => s.trim()).filter(Boolean);
    const common = { title: d.title, bodyMd: d.bodyMd, categoryId: d.categoryId || null, tags, relatedIds: d.relatedIds };
    void run(() =>
      article
        ? api.patch<Article>(`/api/v1/articles/${article.id}`, { ...common, ...(article.status !== 'published' && { status: d.status }) })
        : api.post<Article>('/api/v1/articles', { ...common, language: d.language, status: d.status }),
    );
  }

  const other: ArticleLanguage = d.language === 'de' ? 'en' : 'de';
  const translation = article?.translations.find((x) => x.language === other);
  const relatable = articles.filter((a) => a.id !== article?.id && a.language === d.language && !d.relatedIds.includes(a.id));
  const titleOf = new Map(articles.map((a) => [a.id, a.title]));

  return (
    <form className="kb-editor" onSubmit={save} aria-label={t('kb.editor')}>
      <div className="kb-editor-head">
        {article && <span className={`pill kb-status ${article.status}`} data-testid="kb-status">{t(`kb.status.${article.status}`)}</span>}
        {article && <span className="muted small">{t('kb.version', { n: article.version })} · {t('kb.helpfulCounts', { yes: article.helpfulYes, no: article.helpfulNo })}</span>}
      </div>
      <div className="kb-fields">
        <label className="field compact">
          <span>{t('kb.language')}</span>
          <select value={d.language} disabled={Boolean(article) || readOnly} onChange={(e) => set('language', e.target.value as ArticleLanguage)}>
            <option value="de">Deutsch</option>
            <option value="en">English</option>
          </select>
        </label>
        <label className="field compact">
          <span>{t('kb.category')}</span>
          <select value={d.categoryId} disabled={readOnly} onChange={(e) => set('categoryId', e.target.value)}>
            <option value="">{t('common.none')}</option>
            {categories.map((c) => <option key={c.id} value={c.id}>{locale === 'de' ? c.nameDe : c.nameEn}</option>)}
          </select>
        </label>
        {article?.status !== 'published' && (
          <label className="field compact">
            <span>{t('kb.statusLabel')}</span>
            <select data-testid="kb-status-select" value={d.status} disabled={readOnly} onChange={(e) => set('status', e.target.value as Draft['status'])}>
              <option value="draft">{t('kb.status.draft')}</option>
              <option value="internal">{t('kb.status.internal')}</option>
            </select>
          </label>
        )}
      </div>
      <label className="field"><span>{t('kb.title')}</span><input data-testid="kb-title" required maxLength={200} readOnly={readOnly} value={d.title} onChange={(e) => set('title', e.target.value)} /></label>
      <label className="field"><span>{t('kb.tags')}</span><input data-testid="kb-tags" readOnly={readOnly} value={d.tags} onChange={(e) => set('tags', e.target.value)} placeholder={t('kb.tagsHint')} /></label>
      <div className="kb-write">
        <label className="field"><span>{t('kb.body')}</span><textarea data-testid="kb-body" rows={16} readOnly={readOnly} value={d.bodyMd} onChange={(e) => set('bodyMd', e.target.value)} /></label>
        <div className="field">
          <span>{t('kb.preview')}</span>
          <div className="kb-preview message-body" data-testid="kb-preview" dangerouslySetInnerHTML={{ __html: preview }} />
        </div>
      </div>
      <div className="field">
        <span>{t('kb.related')}</span>
        <div className="labels-row">
          {d.relatedIds.map((id) => (
            <span key={id} className="chip">
              {titleOf.get(id) ?? id}
              {!readOnly && <button type="button" className="chip-x" aria-label={t('kb.removeRelated')} onClick={() => set('relatedIds', d.relatedIds.filter((x) => x !== id))}>×</button>}
            </span>
          ))}
          {!readOnly && relatable.length > 0 && (
            <select aria-label={t('kb.addRelated')} value="" onChange={(e) => e.target.value && set('relatedIds', [...d.relatedIds, e.target.value])}>
              <option value="">+ {t('kb.addRelated')}</option>
              {relatable.map((a) => <option key={a.id} value={a.id}>{a.title}</option>)}
            </select>
          )}
        </div>
      </div>
      <div className="inline-form">
        {!readOnly && <button type="submit" className="primary" data-testid="kb-save">{t('common.save')}</button>}
        {article && isAdmin && (
          <button type="button" data-testid="kb-publish" onClick={() => void run(() => api.post<Article>(`/api/v1/articles/${article.id}/publish`))}>
            {article.status === 'published' ? t('kb.republish') : t('kb.publish')}
          </button>
        )}
        {article?.status === 'published' && isAdmin && (
          <button type="button" onClick={() => void run(() => api.patch<Article>(`/api/v1/articles/${article.id}`, { status: 'draft' }))}>{t('kb.unpublish')}</button>
        )}
        {article && !translation && session.role !== 'viewer' && (
          <button
            type="button"
            data-testid="kb-translate"
            onClick={() => void run(() => api.post<Article>('/api/v1/articles', { language: other, title: article.title, bodyMd: article.bodyMd, categoryId: article.categoryId, tags: article.tags, translationOf: article.id }))}
          >
            {t('kb.createTranslation', { language: other.toUpperCase() })}
          </button>
        )}
        {translation && <a href={`/knowledge/${translation.id}`} onClick={(e) => { e.preventDefault(); navigate(`/knowledge/${translation.id}`); }}>{t('kb.openTranslation', { language: other.toUpperCase() })}</a>}
        {article && !readOnly && (
          <button
            type="button"
            className="danger"
            onClick={() => {
              if (!window.confirm(t('kb.confirmDelete'))) return;
              void api.del(`/api/v1/articles/${article.id}`).then(async () => {
                await client.invalidateQueries({ queryKey: ['articles'] });
                navigate('/knowledge');
              }, (err: unknown) => setError(t('common.error', { message: err instanceof ApiError ? err.message : String(err) })));
            }}
          >
            {t('common.delete')}
          </button>
        )}
        {saved && <span className="muted small" role="status">{t('kb.saved')}</span>}
      </div>
      {article?.status !== 'published' && !isAdmin && session.role !== 'viewer' && <p className="muted small">{t('kb.reviewHint')}</p>}
      {error && <p className="error" role="alert" data-testid="kb-error">{error}</p>}
      {article && <VersionHistory article={article} readOnly={readOnly} />}
    </form>
  );
}

export function ArticleEditor({ articleId, categories, articles }: { articleId: string | null; categories: KbCategory[]; articles: ArticleSummary[] }) {
  const { t } = useI18n();
  const article = useQuery({ queryKey: ['article', articleId], queryFn: () => api.get<Article>(`/api/v1/articles/${articleId}`), enabled: articleId !== null });
  if (articleId === null) return <EditorForm key="new" article={null} categories={categories} articles={articles} />;
  if (!article.data) return <p className="placeholder" role="status">{t('common.loading')}</p>;
  // A new key per saved version resets the form to what the server holds (after restore or publish).
  return <EditorForm key={`${article.data.id}-${article.data.version}-${article.data.status}`} article={article.data} categories={categories} articles={articles} />;
}
