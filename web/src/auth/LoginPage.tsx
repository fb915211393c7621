import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/client.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { LanguageSwitch } from '../app/LanguageSwitch.js';
import { ForgotPassword } from './ForgotPassword.js';
import { useSession } from './SessionProvider.js';

export function LoginPage({ expired }: { expired: boolean }) {
  const { t } = useI18n();
  const { login } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [forgot, setForgot] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(email, password);
    } catch (err) {
      if (err instanceof ApiError && err.status === 429) setError(t('login.rateLimited'));
      else if (err instanceof ApiError && err.status === 401) setError(t('login.failed'));
      else setError(t('common.error', { message: err instanceof Error ? err.message : String(err) }));
    } finally {
      setBusy(false);
    }
  }

  if (forgot) {
    return (
      <main className="login">
        <ForgotPassword onBack={() => setForgot(false)} />
      </main>
    );
  }

  return (
    <main className="login">
      <form className="login-card" onSubmit={submit} aria-labelledby="login-title">
        <div className="login-head">
          <span className="brand-mark" aria-hidden="true">P</span>
          <h1 id="login-title">{t('login.title')}</h1>
        </div>
        {expired && <p className="notice" role="status">{t('login.expired')}</p>}
        <label className="field">
          <span>{t('login.email')}</span>
          <input data-testid="login-email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} autoFocus />
        </label>
        <label className="field">
          <span>{t('login.password')}</span>
          <input data-testid="login-password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {error && <p className="error" role="alert">{error}</p>}
        <button data-testid="login-submit" className="primary wide" type="submit" disabled={busy}>{busy ? t('login.busy') : t('login.submit')}</button>
        <button data-testid="login-forgot" type="button" className="link" onClick={() => setForgot(true)}>{t('account.forgotLink')}</button>
        <div className="login-foot"><LanguageSwitch /></div>
      </form>
    </main>
  );
}
