import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { TeamQueue } from '../../../src/inbox/team-queue.js';
import { api } from '../api/client.js';
import { useTeams } from '../api/hooks.js';
import { useReadySession } from '../auth/SessionProvider.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { useSave } from './useSave.js';

// The live stream refetches the queue on every change; the slow poll only moves the waiting minutes on.
const SAFETY_POLL_MS = 60_000;

/** A team's queue: who waits in serving order, the oldest wait, who is online with room; admins set the routing mode. */
export function QueuesSettings() {
  const { t } = useI18n();
  const { role } = useReadySession();
  const teams = useTeams().data ?? [];
  const [teamId, setTeamId] = useState('');
  const current = teamId || teams[0]?.id || '';
  const queue = useQuery({ queryKey: ['queue', current], enabled: current !== '', refetchInterval: SAFETY_POLL_MS, queryFn: () => api.get<TeamQueue>(`/api/v1/teams/${current}/queue`) }).data;
  const { run, error } = useSave('queue');
  const minutes = (since: string) => Math.max(0, Math.round((Date.now() - Date.parse(since)) / 60_000));

  return (
    <section aria-labelledby="queues-title">
      <h2 id="queues-title">{t('queues.title')}</h2>
      <label className="field"><span>{t('queues.team')}</span>
        <select value={current} onChange={(e) => setTeamId(e.target.value)}>{teams.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}</select>
      </label>
      {queue && (
        <>
          <p>
            {t('queues.mode')}: <strong>{queue.mode === 'manual' ? t('queues.manual') : t('queues.auto')}</strong>{' '}
            {role === 'admin' && (
              <button type="button" onClick={() => void run(() => api.put(`/api/v1/teams/${current}/routing`, { mode: queue.mode === 'manual' ? 'auto' : 'manual' }))}>
                {queue.mode === 'manual' ? t('queues.switchAuto') : t('queues.switchManual')}
              </button>
            )}
          </p>
          <h3>{t('queues.waiting', { count: queue.waiting.length })}</h3>
          {queue.oldestWaitingSince && <p className="muted">{t('queues.oldest', { minutes: minutes(queue.oldestWaitingSince) })}</p>}
          <ol className="plain" data-testid="queue-waiting">
            {queue.waiting.map((w) => (
              <li key={w.id}><a href={`/conversations/${w.id}`}>{w.contactName ?? w.subject ?? w.preview}</a> <span className="muted small">{w.priority} · {w.channelType} · {t('queues.since', { minutes: minutes(w.waitingSince) })}</span></li>
            ))}
          </ol>
          <h3>{t('queues.online')}</h3>
          {queue.online.length === 0 ? <p className="muted">{t('queues.nobodyOnline')}</p> : (
            <ul className="plain" data-testid="queue-online">
              {queue.online.map((a) => <li key={a.id}>{a.name} <span className="muted small">{t('queues.free')}: {Object.entries(a.free).map(([type, n]) => `${type} ${n}`).join(', ') || '–'}</span></li>)}
            </ul>
          )}
        </>
      )}
      {error && <p className="error" role="alert">{error}</p>}
    </section>
  );
}
