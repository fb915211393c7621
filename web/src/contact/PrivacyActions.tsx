import { useState } from 'react';
import { api, ApiError } from '../api/client.js';
import { navigate } from '../app/router.js';
import { useReadySession } from '../auth/SessionProvider.js';
import { useI18n } from '../i18n/I18nProvider.js';

/**
 * The data-protection requests an admin answers for a contact: an export (JSON archive or
 * readable summary, downloaded) and erasure, asked twice because it cannot be undone.
 */
export function PrivacyActions({ contactId, name }: { contactId: string; name: string }) {
  const { t, locale } = useI18n();
  const session = useReadySession();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (session.role !== 'admin') return null;
  async function erase() {
    setError(null);
    try {
      await api.post(`/api/v1/contacts/${contactId}/erase`, {});
      navigate('/');
    } catch (err) {
      setError(t('common.error', { message: err instanceof ApiError ? err.message : String(err) }));
    }
  }
  return (
    <section className="privacy-actions" aria-labelledby="privacy-title">
      <h3 id="privacy-title">{t('privacy.title')}</h3>
      <p>
        <a href={`/api/v1/contacts/${contactId}/export`} download>{t('privacy.exportJson')}</a>
        {' · '}
        <a href={`/api/v1/contacts/${contactId}/export?format=html&lang=${locale}`} download>{t('privacy.exportHtml')}</a>
      </p>
      {confirming ? (
        <p role="alert">
          {t('privacy.eraseConfirm', { name })}{' '}
          <button type="button" className="danger" data-testid="erase-confirm" onClick={() => void erase()}>{t('privacy.eraseNow')}</button>{' '}
          <button type="button" onClick={() => setConfirming(false)}>{t('common.cancel')}</button>
        </p>
      ) : (
        <button type="button" data-testid="erase" onClick={() => setConfirming(true)}>{t('privacy.erase')}</button>
      )}
      {error && <p className="error" role="alert">{error}</p>}
    </section>
  );
}
