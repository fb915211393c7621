import { useState, type FormEvent } from 'react';
import { api } from '../api/client.js';
import { useLabels } from '../api/hooks.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { useSave } from './useSave.js';

export function LabelsSettings() {
  const { t } = useI18n();
  const labels = useLabels().data ?? [];
  const { run, error } = useSave('labels');
  const [name, setName] = useState('');
  const [color, setColor] = useState('#2563eb');

  async function create(e: FormEvent) {
    e.preventDefault();
    if (await run(() => api.post('/api/v1/labels', { name, color }))) setName('');
  }

  return (
    <section aria-labelledby="labels-title">
      <h2 id="labels-title">{t('settings.labels')}</h2>
      <ul className="plain label-list">
        {labels.map((l) => (
          <li key={l.id}>
            <span className="chip"><span className="dot" style={{ background: l.color }} aria-hidden="true" />{l.name}</span>
            <button type="button" onClick={() => void run(() => api.del(`/api/v1/labels/${l.id}`))}>{t('common.delete')}</button>
          </li>
        ))}
      </ul>
      <form className="inline-form" onSubmit={create}>
        <h3>{t('settings.addLabel')}</h3>
        <label className="field compact"><span>{t('common.name')}</span><input required maxLength={60} value={name} onChange={(e) => setName(e.target.value)} /></label>
        <label className="field compact"><span>{t('settings.color')}</span><input type="color" value={color} onChange={(e) => setColor(e.target.value)} /></label>
        <button type="submit" className="primary">{t('common.create')}</button>
      </form>
      {error && <p className="error" role="alert">{error}</p>}
    </section>
  );
}
