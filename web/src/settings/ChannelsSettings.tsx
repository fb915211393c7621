import { useState, type FormEvent } from 'react';
import { api } from '../api/client.js';
import { useChannels } from '../api/hooks.js';
import type { ChannelDto } from '../api/types.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { ChannelIcon, channelLabelKey } from '../inbox/channels.js';
import { useSave } from './useSave.js';

/** The server hands out a path; the provider needs the absolute address of this installation. */
function absolute(path: string): string {
  return new URL(path, window.location.origin).toString();
}

export function ChannelsSettings() {
  const { t } = useI18n();
  const channels = useChannels().data ?? [];
  const { run, error } = useSave('channels');
  const [name, setName] = useState('');
  const [webhookUrl, setWebhookUrl] = useState('');
  const [created, setCreated] = useState<(ChannelDto & { generatedSecrets: Record<string, string> }) | null>(null);

  async function create(e: FormEvent) {
    e.preventDefault();
    const body = { type: 'api', name, settings: webhookUrl ? { webhookUrl } : {} };
    const res = await run(() => api.post<ChannelDto & { generatedSecrets: Record<string, string> }>('/api/v1/channels', body));
    if (res) {
      setCreated(res);
      setName('');
      setWebhookUrl('');
    }
  }

  return (
    <section aria-labelledby="channels-title">
      <h2 id="channels-title">{t('settings.channels')}</h2>
      {created && (
        <div className="once" role="status" data-testid="channel-created">
          <p><strong>{created.name}</strong> — {t('settings.inboundUrl')}:</p>
          <code>{absolute(created.webhookUrl)}</code>
          {Object.keys(created.generatedSecrets).length > 0 && (
            <>
              <p>{t('settings.secretOnce')}</p>
              {Object.entries(created.generatedSecrets).map(([k, v]) => <p key={k}><code>{k}: {v}</code></p>)}
            </>
          )}
        </div>
      )}
      <table className="table">
        <thead><tr><th>{t('settings.type')}</th><th>{t('common.name')}</th><th>{t('settings.inboundUrl')}</th><th>{t('settings.disabled')}</th></tr></thead>
        <tbody>
          {channels.map((c) => (
            <tr key={c.id}>
              <td><ChannelIcon type={c.type} label={t(channelLabelKey(c.type))} /> {t(channelLabelKey(c.type))}</td>
              <td>{c.name}{typeof c.settings.webhookUrl === 'string' && <div className="muted small">→ {c.settings.webhookUrl}</div>}</td>
              <td><code className="url">{absolute(c.webhookUrl)}</code></td>
              <td>
                <button type="button" onClick={() => void run(() => api.patch(`/api/v1/channels/${c.id}`, { disabled: !c.disabled }))}>{c.disabled ? t('settings.enable') : t('settings.disable')}</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="inline-form" onSubmit={create}>
        <h3>{t('settings.addChannel')}</h3>
        <label className="field compact"><span>{t('common.name')}</span><input required value={name} onChange={(e) => setName(e.target.value)} /></label>
        <label className="field compact"><span>{t('settings.webhookUrl')}</span><input type="url" placeholder="https://" value={webhookUrl} onChange={(e) => setWebhookUrl(e.target.value)} /></label>
        <button type="submit" className="primary">{t('common.create')}</button>
      </form>
      {error && <p className="error" role="alert">{error}</p>}
    </section>
  );
}
