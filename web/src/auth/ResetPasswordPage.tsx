import { useState, type FormEvent } from 'react';
import { api } from '../api/client.js';
import { LanguageSwitch } from '../app/LanguageSwitch.js';
import { navigate } from '../app/router.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { MIN_PASSWORD_LENGTH } from './password-rules.js';
import { isDeadLink, tokenFromLink } from './token-from-link.js';

export function ResetPasswordPage() {
  const { t } = useI18n();
  const [token] = useState(() => tokenFromLink(window.location.hash));
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (password !== repeat) return setError(t('account.passwordsDiffer'));
    setBusy(true);
    setError(null);
    try {
      await api.post('/api/v1/auth/password-reset/confirm', { token, password });
      // The token must not linger in the address bar or the history once it is spent.
      window.history.replaceState(null, '', '/reset-password');
      setDone(true);
    } catch (err) {
      setError(isDeadLink(err) ? t('account.linkInvalid') : t('common.error', { message: err instanceof Error ? err.message : String(err) }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="login">
      <form className="login-card" onSubmit={submit} aria-labelledby="reset-title">
        <h1 id="reset-title">{t('account.resetTitle')}</h1>
        {done ? (
          <p className="notice" role="status" data-testid="reset-done">{t('account.resetDone')}</p>
        ) : (
          <>
            <label className="field">
              <span>{t('account.newPassword')}</span>
              <input data-testid="reset-password" type="password" autoComplete="new-password" minLength={MIN_PASSWORD_LENGTH} required value={password} onChange={(e) => setPassword(e.target.value)} autoFocus />
            </label>
            <label className="field">
              <span>{t('account.repeatPassword')}</span>
              <input data-testid="reset-repeat" type="password" autoComplete="new-password" minLength={MIN_PASSWORD_LENGTH} required value={repeat} onChange={(e) => setRepeat(e.target.value)} />
            </label>
            {error && <p className="error" role="alert">{error}</p>}
            <button data-testid="reset-submit" className="primary wide" type="submit" disabled={busy}>{t('account.savePassword')}</button>
          </>
        )}
        <button type="button" className="link" onClick={() => navigate('/', true)}>{t('account.backToLogin')}</button>
        <div className="login-foot"><LanguageSwitch /></div>
      </form>
    </main>
  );
}
