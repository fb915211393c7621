import { useState, type FormEvent } from 'react';
import { api } from '../api/client.js';
import { useUsers } from '../api/hooks.js';
import type { Role } from '../api/types.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { InviteUsers } from './InviteUsers.js';
import { useSave } from './useSave.js';

const ROLES: Role[] = ['admin', 'agent', 'viewer'];

export function UsersSettings() {
  const { t } = useI18n();
  const users = useUsers().data ?? [];
  const { run, error } = useSave('users');
  const [form, setForm] = useState({ email: '', name: '', role: 'agent' as Role, password: '' });

  async function create(e: FormEvent) {
    e.preventDefault();
    const body = { email: form.email, name: form.name, role: form.role, ...(form.password && { password: form.password }) };
    if (await run(() => api.post('/api/v1/users', body))) setForm({ email: '', name: '', role: 'agent', password: '' });
  }

  return (
    <section aria-labelledby="users-title">
      <h2 id="users-title">{t('settings.users')}</h2>
      <table className="table">
        <thead><tr><th>{t('common.name')}</th><th>{t('common.email')}</th><th>{t('common.role')}</th><th>{t('settings.disabled')}</th></tr></thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td>{u.name}</td>
              <td>{u.email}</td>
              <td>
                <select aria-label={`${t('common.role')}: ${u.name}`} value={u.role} onChange={(e) => void run(() => api.patch(`/api/v1/users/${u.id}`, { role: e.target.value }))}>
                  {ROLES.map((r) => <option key={r} value={r}>{t(`role.${r}`)}</option>)}
                </select>
              </td>
              <td>
                <button type="button" onClick={() => void run(() => api.patch(`/api/v1/users/${u.id}`, { disabled: !u.disabled }))}>{u.disabled ? t('settings.enable') : t('settings.disable')}</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="inline-form" onSubmit={create}>
        <h3>{t('settings.addUser')}</h3>
        <label className="field compact"><span>{t('common.name')}</span><input required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} /></label>
        <label className="field compact"><span>{t('common.email')}</span><input required type="email" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} /></label>
        <label className="field compact"><span>{t('common.role')}</span>
          <select value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>{ROLES.map((r) => <option key={r} value={r}>{t(`role.${r}`)}</option>)}</select>
        </label>
        <label className="field compact"><span>{t('settings.password')}</span><input type="password" minLength={10} autoComplete="new-password" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} /></label>
        <button type="submit" className="primary">{t('common.create')}</button>
      </form>
      {error && <p className="error" role="alert">{error}</p>}
      <InviteUsers />
    </section>
  );
}
