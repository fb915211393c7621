import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../api/client.js';
import type { ApiTokenDto, Page, Role } from '../api/types.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { formatDateTime } from '../i18n/format.js';
import { useSave } from './useSave.js';

export function TokensSettings() {
  const { t, locale } = useI18n();
  const tokens = useQuery({ queryKey: ['tokens'], queryFn: () => api.get<Page<ApiTokenDto>>('/api/v1/tokens').then((p) => p.items) }).data ?? [];
  const { run, error } = useSave('tokens');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('agent');
  const [expires, setExpires] = useState('');
  const [created, setCreated] = useState<string | null>(null);

  async function create(e: FormEvent) {
    e.preventDefault();
    const body = { name, role, ...(expires && { expiresAt: new Date(expires).toISOString() }) };
    const res = await run(() => api.post<ApiTokenDto & { token: string }>('/api/v1/tokens', body));
    if (res) {
      setCreated(res.token);
      setName('');
    }
  }

  return (
    <section aria-labelledby="tokens-title">
      <h2 id="tokens-title">{t('settings.tokens')}</h2>
      {created && <div className="once" role="status"><p>{t('settings.tokenOnce')}</p><code data-testid="new-token">{created}</code></div>}
      <table className="table">
        <thead><tr><th>{t('common.name')}</th><th>{t('common.role')}</th><th>Prefix</th><th>{t('settings.expires')}</th><th>{t('settings.lastUsed')}</th><th /></tr></thead>
        <tbody>
          {tokens.map((tk) => (
            <tr key={tk.id}>
              <td>{tk.name}</td>
              <td>{t(`role.${tk.role}`)}</td>
              <td><code>{tk.prefix}</code></td>
              <td>{tk.expiresAt ? formatDateTime(locale, tk.expiresAt) : t('settings.never')}</td>
              <td>{tk.lastUsedAt ? formatDateTime(locale, tk.lastUsedAt) : t('settings.never')}</td>
              <td>{tk.revoked ? t('settings.revoked') : <button type="button" onClick={() => void run(() => api.del(`/api/v1/tokens/${tk.id}`))}>{t('settings.revoke')}</button>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="inline-form" onSubmit={create}>
        <h3>{t('settings.addToken')}</h3>
        <label className="field compact"><span>{t('common.name')}</span><input required value={name} onChange={(e) => setName(e.target.value)} /></label>
        <label className="field compact"><span>{t('common.role')}</span>
          <select value={role} onChange={(e) => setRole(e.target.value as Role)}>{(['admin', 'agent', 'viewer'] as const).map((r) => <option key={r} value={r}>{t(`role.${r}`)}</option>)}</select>
        </label>
        <label className="field compact"><span>{t('settings.expires')}</span><input type="datetime-local" value={expires} onChange={(e) => setExpires(e.target.value)} /></label>
        <button type="submit" className="primary">{t('common.create')}</button>
      </form>
      {error && <p className="error" role="alert">{error}</p>}
    </section>
  );
}
