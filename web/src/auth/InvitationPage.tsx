import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../api/client.js';
import type { Role } from '../api/types.js';
import { LanguageSwitch } from '../app/LanguageSwitch.js';
import { navigate } from '../app/router.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { MIN_PASSWORD_LENGTH } from './password-rules.js';
import { useSession, type LoginResponse } from './SessionProvider.js';
import { isDeadLink, tokenFromLink } from './token-from-link.js';

/** The invitee chooses a name and password and is signed in. */
export function InvitationPage() {
  const { t, locale } = useI18n();
  const { enter } = useSession();
  const [token] = useState(() => tokenFromLink(window.location.hash));
  const invite = useQuery({ queryKey: ['invitation', token], queryFn: () => api.post<{ email: string; role: Role; workspace: string }>('/api/v1/auth/invitation', { token }), retry: false });
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const session = await api.post<LoginResponse>('/api/v1/auth/invitation/accept', { token, name, password, locale });
      navigate('/', true);
      enter(session);
    } catch (err) {
      setError(isDeadLink(err) ? t('account.linkInvalid') : t('common.error', { message: err instanceof Error ? err.message : String(err) }));
      setBusy(false);
    }
  }

  return (
    <main className="login">
      <form className="login-card" onSubmit={submit} aria-labelledby="invite-title">
        <h1 id="invite-title">{t('account.inviteTitle')}</h1>
        {invite.isPending && <p role="status">{t('common.loading')}</p>}
        {invite.isError && <p className="error" role="alert" data-testid="invite-dead">{t('account.linkInvalid')}</p>}
        {invite.data && (
          <>
            <p data-testid="invite-intro">{t('account.inviteIntro', { workspace: invite.data.workspace, email: invite.data.email, role: t(`role.${invite.data.role}`) })}</p>
            <label className="field">
              <span>{t('common.name')}</span>
              <input data-testid="invite-name" required autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} autoFocus />
            </label>
            <label className="field">
              <span>{t('account.newPassword')}</span>
              <input data-testid="invite-password" type="password" autoComplete="new-password" minLength={MIN_PASSWORD_LENGTH} required value={password} onChange={(e) => setPassword(e.target.value)} />
            </label>
            {error && <p className="error" role="alert">{error}</p>}
            <button data-testid="invite-submit" className="primary wide" type="submit" disabled={busy}>{t('account.acceptInvite')}</button>
          </>
        )}
        <div className="login-foot"><LanguageSwitch /></div>
      </form>
    </main>
  );
}
