import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { ConsentDto } from '../../../src/db/consents.js';
import { OUTREACH_PURPOSE } from '../../../src/privacy/consent-purposes.js';
import { api, ApiError } from '../api/client.js';
import { useChannels } from '../api/hooks.js';
import { useReadySession } from '../auth/SessionProvider.js';
import { useI18n } from '../i18n/I18nProvider.js';

export const CONSENT_SOURCE_ID = 'consent-source';

/** Whether the person agreed to be contacted first, as a history; agents add to it. */
export function ConsentPanel({ contactId, channelId }: { contactId: string; channelId: string | null }) {
  const { t, locale } = useI18n();
  const { role } = useReadySession();
  const client = useQueryClient();
  const channels = useChannels().data ?? [];
  const key = ['contact', contactId, 'consents'];
  const consents = useQuery({ queryKey: key, queryFn: () => api.get<{ items: ConsentDto[] }>(`/api/v1/contacts/${contactId}/consents`).then((r) => r.items.filter((c) => c.purpose === OUTREACH_PURPOSE)) });
  const [source, setSource] = useState('');
  const [scope, setScope] = useState<'channel' | 'all'>(channelId ? 'channel' : 'all');
  const [error, setError] = useState<string | null>(null);

  async function record(status: 'given' | 'withdrawn', e?: FormEvent) {
    e?.preventDefault();
    if (!source.trim()) return setError(t('consent.sourceNeeded'));
    setError(null);
    try {
      await api.post(`/api/v1/contacts/${contactId}/consents`, { purpose: OUTREACH_PURPOSE, status, source, channelId: scope === 'channel' ? channelId : null });
      setSource('');
      await client.invalidateQueries({ queryKey: key });
    } catch (err) {
      setError(t('common.error', { message: err instanceof ApiError ? err.message : String(err) }));
    }
  }

  const channelName = (id: string | null) => (id ? (channels.find((c) => c.id === id)?.name ?? id) : t('consent.allChannels'));
  return (
    <section id="contact-consent" aria-labelledby="consent-title" data-testid="consent-panel">
      <h3 id="consent-title">{t('consent.title')}</h3>
      <ul className="plain">
        {(consents.data ?? []).map((c) => (
          <li key={c.id} data-testid="consent-record">
            {t(c.status === 'given' ? 'consent.given' : 'consent.withdrawn', { channel: channelName(c.channelId) })}
            <span className="muted small"> · {c.source} · {new Date(c.recordedAt).toLocaleDateString(locale)}</span>
          </li>
        ))}
        {consents.data?.length === 0 && <li className="muted">{t('consent.none')}</li>}
      </ul>
      {role !== 'viewer' && (
        <form className="inline-form" onSubmit={(e) => void record('given', e)}>
          <label className="field compact"><span>{t('consent.source')}</span><input id={CONSENT_SOURCE_ID} data-testid="consent-source" value={source} placeholder={t('consent.sourceHint')} onChange={(e) => setSource(e.target.value)} /></label>
          {channelId && (
            <label className="field compact"><span>{t('consent.scope')}</span>
              <select value={scope} onChange={(e) => setScope(e.target.value as 'channel' | 'all')}>
                <option value="channel">{channelName(channelId)}</option>
                <option value="all">{t('consent.allChannels')}</option>
              </select>
            </label>
          )}
          <button type="submit" data-testid="consent-give">{t('consent.record')}</button>
          <button type="button" onClick={() => void record('withdrawn')}>{t('consent.recordWithdrawal')}</button>
        </form>
      )}
      {error && <p className="error" role="alert">{error}</p>}
    </section>
  );
}
