import { useState } from 'react';
import { api, ApiError } from '../api/client.js';
import type { MessageDto } from '../api/types.js';
import { useI18n } from '../i18n/I18nProvider.js';

const SENTIMENTS = ['negative', 'neutral', 'positive'] as const;
const CATEGORIES = ['praise', 'complaint', 'question', 'cancellation', 'billing', 'delivery', 'technical', 'other'] as const;

type Field = 'sentiment' | 'category';

/** What Parley understood of a customer's message; an agent corrects it in place and the workspace learns. */
export function Understanding({ message: m }: { message: MessageDto }) {
  const { t } = useI18n();
  const [values, setValues] = useState({ sentiment: m.sentiment ?? '', category: m.category ?? '' });
  const [error, setError] = useState<string | null>(null);

  // The live stream brings the redacted message back (message.updated), so nothing is patched here.
  async function redact() {
    setError(null);
    try {
      await api.post(`/api/v1/messages/${m.id}/redact`);
    } catch (err) {
      setError(t('common.error', { message: err instanceof ApiError ? err.message : String(err) }));
    }
  }

  async function correct(field: Field, label: string) {
    const previous = values[field];
    setValues((v) => ({ ...v, [field]: label }));
    setError(null);
    try {
      await api.post(`/api/v1/messages/${m.id}/corrections`, { field, label });
    } catch (err) {
      setValues((v) => ({ ...v, [field]: previous }));
      setError(err instanceof ApiError ? err.message : String(err));
    }
  }

  return (
    <div className="understanding" data-testid="understanding">
      {m.language && <span className="pill">{m.language.toUpperCase()}</span>}
      <label>
        <span className="sr-only">{t('understanding.sentiment')}</span>
        <select data-testid="correct-sentiment" aria-label={t('understanding.sentiment')} value={values.sentiment} onChange={(e) => void correct('sentiment', e.target.value)}>
          {SENTIMENTS.map((s) => <option key={s} value={s}>{t(`sentiment.${s}`)}</option>)}
        </select>
      </label>
      <label>
        <span className="sr-only">{t('understanding.category')}</span>
        <select data-testid="correct-category" aria-label={t('understanding.category')} value={values.category} onChange={(e) => void correct('category', e.target.value)}>
          {CATEGORIES.map((c) => <option key={c} value={c}>{t(`category.${c}`)}</option>)}
        </select>
      </label>
      {m.urgent && <span className="pill urgent">{t('urgent.flag')}</span>}
      {m.pii.length > 0 && (
        <>
          <span className="pill pii" data-testid="pii-warning">{t('understanding.pii', { kinds: [...new Set(m.pii.map((p) => t(`pii.${p.kind}`)))].join(', ') })}</span>
          <button type="button" data-testid="redact" onClick={() => void redact()}>{t('conv.redact')}</button>
        </>
      )}
      {error && <span className="error" role="alert">{error}</span>}
    </div>
  );
}
