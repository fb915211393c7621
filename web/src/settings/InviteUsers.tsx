import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { InviteDto } from '../../../src/db/account-tokens.js';
import { api } from '../api/client.js';
import type { Role } from '../api/types.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { useSave } from './useSave.js';

const ROLES: Role[] = ['admin', 'agent', 'viewer'];

type Created = InviteDto & { link: string; mailed: boolean; mailError: string | null };

/** Admins invite by e-mail; the invitee picks name and password through the mailed link. */
export function InviteUsers() {
  const { t, locale } = useI18n();
  // Under the users key, so saving a user refreshes the invitations too.
  const invites = useQuery({ queryKey: ['users', 'invites'], queryFn: () => api.get<{ items: InviteDto[] }>('/api/v1/users/invites').then((p) => p.items) });
  const { run, error } = useSave('users');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('agent');
  const [created, setCreated] = useState<Created | null>(null);

  async function invite(e: FormEvent) {
    e.preventDefault();
    const result = await run(() => api.post<Created>('/api/v1/users/invites', { email, role, locale }));
    if (result) {
      setCreated(result);
      setEmail('');
    }
  }

  return (
    <div className="invite-users">
      <form className="inline-form" onSubmit={invite}>
        <h3>{t('account.inviteUser')}</h3>
        <label className="field compact"><span>{t('common.email')}</span><input data-testid="invite-email" required type="email" value={email} onChange={(e) => setEmail(e.target.value)} /></label>
        <label className="field compact"><span>{t('common.role')}</span>
          <select value={role} onChange={(e) => setRole(e.target.value as Role)}>{ROLES.map((r) => <option key={r} value={r}>{t(`role.${r}`)}</option>)}</select>
        </label>
        <button data-testid="invite-send" type="submit" className="primary">{t('account.sendInvite')}</button>
      </form>
      {created && (created.mailed ? (
        <p className="notice" role="status" data-testid="invite-result">{t('account.inviteMailed', { email: created.email })}</p>
      ) : (
        <div className="notice" role="status" data-testid="invite-result">
          <p>{t('account.inviteNotMailed', { reason: created.mailError ?? '' })}</p>
          <input readOnly aria-label={t('account.inviteLink')} value={created.link} onFocus={(e) => e.target.select()} />
        </div>
      ))}
      {error && <p className="error" role="alert">{error}</p>}
      {(invites.data ?? []).length > 0 && (
        <table className="table">
          <caption>{t('account.pendingInvites')}</caption>
          <thead><tr><th>{t('common.email')}</th><th>{t('common.role')}</th><th>{t('account.inviteExpires')}</th><th /></tr></thead>
          <tbody>
            {(invites.data ?? []).map((i) => (
              <tr key={i.id}>
                <td>{i.email}</td>
                <td>{t(`role.${i.role}`)}</td>
                <td>{new Date(i.expiresAt).toLocaleString(locale)}</td>
                <td><button type="button" onClick={() => void run(() => api.del(`/api/v1/users/invites/${i.id}`))}>{t('account.withdrawInvite')}</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
