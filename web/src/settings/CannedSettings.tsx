import { useState, type FormEvent } from 'react';
import { loadCanned, saveCanned, type CannedResponse } from '../canned/store.js';
import { useI18n } from '../i18n/I18nProvider.js';

export function CannedSettings() {
  const { t } = useI18n();
  const [list, setList] = useState<CannedResponse[]>(loadCanned);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');

  function update(next: CannedResponse[]) {
    saveCanned(next);
    setList(next);
  }

  function add(e: FormEvent) {
    e.preventDefault();
    update([...list, { id: crypto.randomUUID(), title, body }]);
    setTitle('');
    setBody('');
  }

  return (
    <section aria-labelledby="canned-title">
      <h2 id="canned-title">{t('settings.canned')}</h2>
      <p className="notice">{t('settings.cannedLocal')}</p>
      <ul className="plain canned-list">
        {list.map((c) => (
          <li key={c.id}>
            <strong>{c.title}</strong>
            <pre>{c.body}</pre>
            <button type="button" onClick={() => update(list.filter((x) => x.id !== c.id))}>{t('common.delete')}</button>
          </li>
        ))}
      </ul>
      <form className="stack-form" onSubmit={add}>
        <h3>{t('settings.addCanned')}</h3>
        <label className="field"><span>{t('settings.cannedTitle')}</span><input required value={title} onChange={(e) => setTitle(e.target.value)} /></label>
        <label className="field"><span>{t('settings.cannedBody')}</span><textarea required rows={4} value={body} onChange={(e) => setBody(e.target.value)} /></label>
        <p className="muted small">{t('settings.cannedVars')}</p>
        <button type="submit" className="primary">{t('common.create')}</button>
      </form>
    </section>
  );
}
