import { useState, type FormEvent } from 'react';
import { api } from '../api/client.js';
import { useCanned } from '../api/hooks.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { useSave } from './useSave.js';

export function CannedSettings() {
  const { t } = useI18n();
  const list = useCanned().data ?? [];
  const { run, error } = useSave('canned');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');

  async function add(e: FormEvent) {
    e.preventDefault();
    if (await run(() => api.post('/api/v1/canned-responses', { title, body }))) {
      setTitle('');
      setBody('');
    }
  }

  return (
    <section aria-labelledby="canned-title">
      <h2 id="canned-title">{t('settings.canned')}</h2>
      <ul className="plain canned-list">
        {list.map((c) => (
          <li key={c.id}>
            <strong>{c.title}</strong>
            <pre>{c.body}</pre>
            <button type="button" onClick={() => void run(() => api.del(`/api/v1/canned-responses/${c.id}`))}>{t('common.delete')}</button>
          </li>
        ))}
      </ul>
      <form className="stack-form" onSubmit={add}>
        <h3>{t('settings.addCanned')}</h3>
        <label className="field"><span>{t('settings.cannedTitle')}</span><input required maxLength={120} value={title} onChange={(e) => setTitle(e.target.value)} /></label>
        <label className="field"><span>{t('settings.cannedBody')}</span><textarea required rows={4} value={body} onChange={(e) => setBody(e.target.value)} /></label>
        <p className="muted small">{t('settings.cannedVars')}</p>
        <button type="submit" className="primary">{t('common.create')}</button>
      </form>
      {error && <p className="error" role="alert">{error}</p>}
    </section>
  );
}
