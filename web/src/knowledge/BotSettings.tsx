import { useQuery } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../api/client.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { channelLabelKey } from '../inbox/channels.js';
import { useSave } from '../settings/useSave.js';

interface BotChannel {
  channelId: string;
  channelName: string;
  channelType: string;
  enabled: boolean;
  minConfidence: number;
  hours: 'always' | 'outside';
}

interface BotSettingsDto {
  helpCenterUrl: string | null;
  channels: BotChannel[];
}

/** The first-level bot per chat channel: on or off, how sure it must be, and when it answers. */
export function BotSettings() {
  const { t } = useI18n();
  const { data } = useQuery({ queryKey: ['kb-bot'], queryFn: () => api.get<BotSettingsDto>('/api/v1/kb/bot') });
  const { run, error } = useSave('kb-bot');
  const [url, setUrl] = useState('');
  const [channels, setChannels] = useState<BotChannel[]>([]);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (!data) return;
    setUrl(data.helpCenterUrl ?? '');
    setChannels(data.channels);
  }, [data]);

  const change = (id: string, patch: Partial<BotChannel>) => setChannels((cs) => cs.map((c) => (c.channelId === id ? { ...c, ...patch } : c)));

  async function save(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const body = { helpCenterUrl: url.trim() || null, channels: channels.map(({ channelId, enabled, minConfidence, hours }) => ({ channelId, enabled, minConfidence, hours })) };
    if (await run(() => api.put('/api/v1/kb/bot', body))) setSaved(true);
  }

  return (
    <section aria-labelledby="bot-title">
      <h2 id="bot-title">{t('kb.bot.title')}</h2>
      <p className="hint">{t('kb.bot.hint')}</p>
      <form onSubmit={save} data-testid="bot-settings">
        <label className="field"><span>{t('kb.bot.helpCenterUrl')}</span><input type="url" placeholder="https://example.com/help/shop" value={url} onChange={(e) => setUrl(e.target.value)} /></label>
        {channels.length === 0 && <p className="muted">{t('kb.bot.noChannels')}</p>}
        <table className="plain">
          <thead>
            <tr><th>{t('kb.bot.channel')}</th><th>{t('kb.bot.enabled')}</th><th>{t('kb.bot.minConfidence')}</th><th>{t('kb.bot.hours')}</th></tr>
          </thead>
          <tbody>
            {channels.map((c) => (
              <tr key={c.channelId}>
                <td>{c.channelName} <span className="muted">{t(channelLabelKey(c.channelType))}</span></td>
                <td><input type="checkbox" aria-label={t('kb.bot.enabled')} checked={c.enabled} onChange={(e) => change(c.channelId, { enabled: e.target.checked })} /></td>
                <td><input type="number" aria-label={t('kb.bot.minConfidence')} min={5} max={100} step={1} value={Math.round(c.minConfidence * 100)} onChange={(e) => change(c.channelId, { minConfidence: Math.min(100, Math.max(5, Number(e.target.value))) / 100 })} /> %</td>
                <td>
                  <select aria-label={t('kb.bot.hours')} value={c.hours} onChange={(e) => change(c.channelId, { hours: e.target.value === 'outside' ? 'outside' : 'always' })}>
                    <option value="always">{t('kb.bot.always')}</option>
                    <option value="outside">{t('kb.bot.outside')}</option>
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="submit" className="primary">{t('common.save')}</button>
        {saved && <span role="status"> {t('kb.bot.saved')}</span>}
      </form>
      {error && <p className="error" role="alert">{error}</p>}
    </section>
  );
}
