import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api/client.js';
import { useI18n } from '../i18n/I18nProvider.js';

/** Asks for a reset link; the answer never says whether the address has an account. */
export function ForgotPassword({ onBack }: { onBack(): void }) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [state, setState] = useState<'idle' | 'busy' | 'sent'>('idle');
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setState('busy');
    setError(null);
    try {
      await api.post('/api/v1/auth/password-reset', { email });
      setState('sent');
    } catch (err) {
      setState('idle');
      setError(err instanceof ApiError && err.status === 429 ? t('account.resetRateLimited') : t('common.error', { message: err instanceof Error ? err.message : String(err) }));
    }
  }

  return (
    <form className="login-card" onSubmit={submit} aria-labelledby="forgot-title">
      <h1 id="forgot-title">{t('account.forgotTitle')}</h1>
      {state === 'sent' ? (
        <p className="notice" role="status" data-testid="reset-sent">{t('account.resetSent')}</p>
      ) : (
        <>
          <p>{t('account.forgotHelp')}</p>
          <label className="field">
            <span>{t('login.email')}</span>
            <input data-testid="forgot-email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} autoFocus />
          </label>
          {error && <p className="error" role="alert">{error}</p>}
          <button data-testid="forgot-submit" className="primary wide" type="submit" disabled={state === 'busy'}>{t('account.sendLink')}</button>
        </>
      )}
      <button type="button" className="link" onClick={onBack}>{t('account.backToLogin')}</button>
    </form>
  );
}
