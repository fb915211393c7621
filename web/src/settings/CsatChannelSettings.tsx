import { useQuery } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import type { CsatSettings } from '../../../src/csat/settings.js';
import { api } from '../api/client.js';
import type { ChannelDto } from '../api/types.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { useSave } from './useSave.js';

/** Whether and how this channel's customers are asked for their satisfaction after a resolution. */
export function CsatChannelSettings({ channel }: { channel: ChannelDto }) {
  const { t } = useI18n();
  const key = `csat-settings-${channel.id}`;
  const { data } = useQuery({ queryKey: [key], queryFn: () => api.get<CsatSettings>(`/api/v1/channels/${channel.id}/csat`) });
  const { run, error } = useSave(key);
  const [form, setForm] = useState<CsatSettings | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => setForm(data ?? null), [data]);
  if (!form) return null;

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!form) return;
    const { mode, scale, delayMinutes, cooldownDays } = form;
    setSaved(Boolean(await run(() => api.put(`/api/v1/channels/${channel.id}/csat`, { mode, scale, delayMinutes, cooldownDays }))));
  }

  return (
    <form className="inline-form" onSubmit={save} data-testid="csat-settings">
      <h3>{t('csat.settingsTitle', { name: channel.name })}</h3>
      <label className="field compact"><span>{t('csat.mode')}</span>
        <select value={form.mode} onChange={(e) => setForm({ ...form, mode: e.target.value === 'channel' ? 'channel' : e.target.value === 'email' ? 'email' : 'off' })}>
          <option value="off">{t('csat.mode.off')}</option>
          <option value="channel">{t('csat.mode.channel')}</option>
          <option value="email">{t('csat.mode.email')}</option>
        </select>
      </label>
      <label className="field compact"><span>{t('csat.scale')}</span>
        <select value={form.scale} onChange={(e) => setForm({ ...form, scale: e.target.value === 'emoji' ? 'emoji' : 'numeric' })}>
          <option value="numeric">{t('csat.scale.numeric')}</option>
          <option value="emoji">{t('csat.scale.emoji')}</option>
        </select>
      </label>
      <label className="field compact"><span>{t('csat.delay')}</span><input type="number" min={0} max={10080} value={form.delayMinutes} onChange={(e) => setForm({ ...form, delayMinutes: Number(e.target.value) })} /></label>
      <label className="field compact"><span>{t('csat.cooldown')}</span><input type="number" min={0} max={365} value={form.cooldownDays} onChange={(e) => setForm({ ...form, cooldownDays: Number(e.target.value) })} /></label>
      <button type="submit">{t('common.save')}</button>
      {saved && !error && <span role="status" className="muted small">{t('csat.saved')}</span>}
      {error && <p className="error" role="alert">{error}</p>}
    </form>
  );
}
