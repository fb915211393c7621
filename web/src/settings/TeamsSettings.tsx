import { useState, type FormEvent } from 'react';
import { api } from '../api/client.js';
import { useTeams, useUsers } from '../api/hooks.js';
import type { TeamDto } from '../api/types.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { useSave } from './useSave.js';

export function TeamsSettings() {
  const { t } = useI18n();
  const teams = useTeams().data ?? [];
  const users = useUsers().data ?? [];
  const { run, error } = useSave('teams');
  const [name, setName] = useState('');
  const [kind, setKind] = useState('service');

  async function create(e: FormEvent) {
    e.preventDefault();
    if (await run(() => api.post('/api/v1/teams', { name, kind }))) setName('');
  }

  function toggleMember(team: TeamDto, userId: string, on: boolean) {
    const memberIds = on ? [...team.memberIds, userId] : team.memberIds.filter((id) => id !== userId);
    void run(() => api.patch(`/api/v1/teams/${team.id}`, { memberIds }));
  }

  return (
    <section aria-labelledby="teams-title">
      <h2 id="teams-title">{t('settings.teams')}</h2>
      <table className="table">
        <thead><tr><th>{t('common.name')}</th><th>{t('settings.kind')}</th><th>{t('settings.members')}</th><th /></tr></thead>
        <tbody>
          {teams.map((team) => (
            <tr key={team.id}>
              <td>{team.name}</td>
              <td>{team.kind}</td>
              <td>
                <fieldset className="checks">
                  <legend className="sr-only">{t('settings.members')}: {team.name}</legend>
                  {users.map((u) => (
                    <label key={u.id}><input type="checkbox" checked={team.memberIds.includes(u.id)} onChange={(e) => toggleMember(team, u.id, e.target.checked)} /> {u.name}</label>
                  ))}
                </fieldset>
              </td>
              <td><button type="button" onClick={() => void run(() => api.del(`/api/v1/teams/${team.id}`))}>{t('common.delete')}</button></td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="inline-form" onSubmit={create}>
        <h3>{t('settings.addTeam')}</h3>
        <label className="field compact"><span>{t('common.name')}</span><input required value={name} onChange={(e) => setName(e.target.value)} /></label>
        <label className="field compact"><span>{t('settings.kind')}</span><input required value={kind} onChange={(e) => setKind(e.target.value)} /></label>
        <button type="submit" className="primary">{t('common.create')}</button>
      </form>
      {error && <p className="error" role="alert">{error}</p>}
    </section>
  );
}
