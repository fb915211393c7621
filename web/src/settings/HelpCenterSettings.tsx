import { useQuery } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../api/client.js';
import { useReadySession } from '../auth/SessionProvider.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { KbCategory } from '../knowledge/types.js';
import { useSave } from './useSave.js';

interface HelpCenter {
  logoUrl: string | null;
  primaryColor: string | null;
  customHost: string | null;
}

/** The public help center: its topics in both languages, its colour, logo and own host name. */
export function HelpCenterSettings() {
  const { t } = useI18n();
  const session = useReadySession();
  const categories = useQuery({ queryKey: ['kb-categories'], queryFn: () => api.get<{ items: KbCategory[] }>('/api/v1/kb-categories').then((r) => r.items) });
  const settings = useQuery({ queryKey: ['help-center'], queryFn: () => api.get<HelpCenter>('/api/v1/workspace/help-center') });
  const categorySave = useSave('kb-categories');
  const themeSave = useSave('help-center');
  const [category, setCategory] = useState({ slug: '', nameDe: '', nameEn: '' });
  const [theme, setTheme] = useState({ logoUrl: '', primaryColor: '#2f5bd3', customHost: '' });
  useEffect(() => {
    if (settings.data) setTheme({ logoUrl: settings.data.logoUrl ?? '', primaryColor: settings.data.primaryColor ?? '#2f5bd3', customHost: settings.data.customHost ?? '' });
  }, [settings.data]);

  async function addCategory(e: FormEvent) {
    e.preventDefault();
    if (await categorySave.run(() => api.post('/api/v1/kb-categories', category))) setCategory({ slug: '', nameDe: '', nameEn: '' });
  }

  function saveTheme(e: FormEvent) {
    e.preventDefault();
    void themeSave.run(() => api.put('/api/v1/workspace/help-center', { logoUrl: theme.logoUrl || null, primaryColor: theme.primaryColor, customHost: theme.customHost || null }));
  }

  const publicUrl = `/help/${session.workspace.slug}`;
  return (
    <section aria-labelledby="help-center-title">
      <h2 id="help-center-title">{t('kb.settings')}</h2>
      <p><a href={publicUrl} target="_blank" rel="noopener noreferrer">{t('kb.openHelpCenter')}</a></p>
      <h3>{t('kb.categories')}</h3>
      <ul className="plain label-list">
        {(categories.data ?? []).map((c) => (
          <li key={c.id}>
            <span className="chip">{c.nameDe} / {c.nameEn}</span> <code className="muted small">{c.slug}</code>
            <button type="button" onClick={() => void categorySave.run(() => api.del(`/api/v1/kb-categories/${c.id}`))}>{t('common.delete')}</button>
          </li>
        ))}
      </ul>
      <form className="inline-form" onSubmit={addCategory}>
        <label className="field compact"><span>{t('kb.slug')}</span><input required pattern="[a-z0-9]+(-[a-z0-9]+)*" maxLength={80} value={category.slug} onChange={(e) => setCategory({ ...category, slug: e.target.value })} /></label>
        <label className="field compact"><span>{t('kb.nameDe')}</span><input required maxLength={100} value={category.nameDe} onChange={(e) => setCategory({ ...category, nameDe: e.target.value })} /></label>
        <label className="field compact"><span>{t('kb.nameEn')}</span><input required maxLength={100} value={category.nameEn} onChange={(e) => setCategory({ ...category, nameEn: e.target.value })} /></label>
        <button type="submit" className="primary">{t('common.create')}</button>
      </form>
      {categorySave.error && <p className="error" role="alert">{categorySave.error}</p>}
      <h3>{t('kb.theme')}</h3>
      <form className="stack-form" onSubmit={saveTheme}>
        <label className="field"><span>{t('kb.logoUrl')}</span><input type="url" pattern="https://.*" value={theme.logoUrl} onChange={(e) => setTheme({ ...theme, logoUrl: e.target.value })} placeholder="https://" /></label>
        <label className="field compact"><span>{t('settings.color')}</span><input type="color" value={theme.primaryColor} onChange={(e) => setTheme({ ...theme, primaryColor: e.target.value })} /></label>
        <label className="field"><span>{t('kb.customHost')}</span><input value={theme.customHost} onChange={(e) => setTheme({ ...theme, customHost: e.target.value })} placeholder="hilfe.example.de" /></label>
        <p className="muted small">{t('kb.customHostHint')}</p>
        <button type="submit" className="primary">{t('common.save')}</button>
      </form>
      {themeSave.error && <p className="error" role="alert">{themeSave.error}</p>}
    </section>
  );
}
