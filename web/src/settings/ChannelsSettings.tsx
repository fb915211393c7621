import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { ChannelTypeInfo } from '../../../src/channels/registry.js';
import { api } from '../api/client.js';
import { useChannels } from '../api/hooks.js';
import type { ChannelDto } from '../api/types.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { ChannelIcon, channelLabelKey } from '../inbox/channels.js';
import { channelBody, channelFields, channelValues, type FieldSpec } from './channel-form.js';
import { fieldLabelKey } from './channel-field-labels.js';
import { CsatChannelSettings } from './CsatChannelSettings.js';
import { useSave } from './useSave.js';

/** The server hands out a path; the provider needs the absolute address of this installation. */
function absolute(path: string): string {
  return new URL(path, window.location.origin).toString();
}

type Created = ChannelDto & { generatedSecrets: Record<string, string> };

function Field({ field, value, onChange }: { field: FieldSpec; value: string; onChange(v: string): void }) {
  const { t } = useI18n();
  const key = fieldLabelKey(field.path);
  const label = key ? t(key) : field.path;
  if (field.kind === 'boolean') {
    return <label className="field compact check"><input type="checkbox" checked={value === 'true'} onChange={(e) => onChange(String(e.target.checked))} /> <span>{label}</span></label>;
  }
  if (field.kind === 'select') {
    return (
      <label className="field compact"><span>{label}</span>
        <select value={value || field.defaultValue} onChange={(e) => onChange(e.target.value)}>
          {field.options.map((o) => <option key={o} value={o}>{o}</option>)}
        </select>
      </label>
    );
  }
  const type = field.kind === 'secret' ? 'password' : field.kind === 'url' ? 'url' : field.kind === 'number' ? 'number' : 'text';
  const hint = field.kind === 'list' ? t('settings.commaSeparated') : field.defaultValue;
  return (
    <label className="field compact"><span>{label}{field.required ? ' *' : ''}</span>
      <input name={field.path} type={type} required={field.required} autoComplete={field.kind === 'secret' ? 'new-password' : 'off'} placeholder={hint} value={value} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}

export function ChannelsSettings() {
  const { t } = useI18n();
  const channels = useChannels().data ?? [];
  const types = useQuery({ queryKey: ['channel-types'], queryFn: () => api.get<{ items: ChannelTypeInfo[] }>('/api/v1/channel-types').then((r) => r.items), staleTime: Infinity }).data ?? [];
  const { run, error } = useSave('channels');
  const [type, setType] = useState('api');
  const [name, setName] = useState('');
  const [values, setValues] = useState<Record<string, string>>({});
  const [created, setCreated] = useState<Created | null>(null);
  const [registered, setRegistered] = useState<string | null>(null);
  const [editing, setEditing] = useState<ChannelDto | null>(null);
  const info = types.find((i) => i.type === (editing?.type ?? type));
  // While editing nothing secret is required: an empty field keeps what is stored.
  const fields = info ? channelFields(info).map((f) => (editing && f.kind === 'secret' ? { ...f, required: false } : f)) : [];

  async function save(e: FormEvent) {
    e.preventDefault();
    const body = channelBody(fields, values);
    if (editing) {
      const res = await run(() => api.patch<ChannelDto>(`/api/v1/channels/${editing.id}`, { name, settings: body.settings, ...(Object.keys(body.secrets).length > 0 && { secrets: body.secrets }) }));
      if (res) stopEditing();
      return;
    }
    const res = await run(() => api.post<Created>('/api/v1/channels', { type, name, ...body }));
    if (res) {
      setCreated(res);
      setName('');
      setValues({});
    }
  }

  function edit(c: ChannelDto) {
    const typeInfo = types.find((i) => i.type === c.type);
    setEditing(c);
    setName(c.name);
    setValues(typeInfo ? channelValues(channelFields(typeInfo), c.settings) : {});
  }

  function stopEditing() {
    setEditing(null);
    setName('');
    setValues({});
  }

  async function register(c: ChannelDto) {
    const res = await run(() => api.post<{ webhookUrl: string }>(`/api/v1/channels/${c.id}/register-webhook`, { publicUrl: window.location.origin }));
    if (res) setRegistered(res.webhookUrl);
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
      {registered && <p role="status" className="muted">{t('settings.webhookRegistered', { url: registered })}</p>}
      <table className="table">
        <thead><tr><th>{t('settings.type')}</th><th>{t('common.name')}</th><th>{t('settings.inboundUrl')}</th><th>{t('settings.disabled')}</th></tr></thead>
        <tbody>
          {channels.map((c) => (
            <tr key={c.id}>
              <td><ChannelIcon type={c.type} label={t(channelLabelKey(c.type))} /> {t(channelLabelKey(c.type))}</td>
              <td>{c.name}{typeof c.settings.webhookUrl === 'string' && <div className="muted small">→ {c.settings.webhookUrl}</div>}</td>
              <td>
                <code className="url">{absolute(c.webhookUrl)}</code>
                {types.find((i) => i.type === c.type)?.registersWebhook && (
                  <div><button type="button" onClick={() => void register(c)}>{t('settings.registerWebhook')}</button></div>
                )}
              </td>
              <td>
                <button type="button" onClick={() => void run(() => api.patch(`/api/v1/channels/${c.id}`, { disabled: !c.disabled }))}>{c.disabled ? t('settings.enable') : t('settings.disable')}</button>{' '}
                {c.type !== 'sandbox' && !c.settings.sandbox && <button type="button" onClick={() => edit(c)} data-testid="channel-edit">{t('settings.edit')}</button>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="inline-form channel-form" onSubmit={save}>
        <h3>{editing ? t('settings.editChannel', { name: editing.name }) : t('settings.addChannel')}</h3>
        {!editing && (
          <label className="field compact"><span>{t('settings.type')}</span>
            <select value={type} onChange={(e) => { setType(e.target.value); setValues({}); }} data-testid="channel-type">
              {types.filter((i) => i.type !== 'sandbox').map((i) => <option key={i.type} value={i.type}>{t(channelLabelKey(i.type))}</option>)}
            </select>
          </label>
        )}
        <label className="field compact"><span>{t('common.name')} *</span><input name="name" required value={name} onChange={(e) => setName(e.target.value)} /></label>
        {fields.map((f) => <Field key={`${editing?.id ?? type}/${f.path}`} field={f} value={values[f.path] ?? ''} onChange={(v) => setValues((prev) => ({ ...prev, [f.path]: v }))} />)}
        <p className="muted small">{editing ? t('settings.secretsKeep') : t('settings.secretsHint')}</p>
        <button type="submit" className="primary">{editing ? t('common.save') : t('common.create')}</button>
        {editing && <button type="button" onClick={stopEditing}>{t('common.cancel')}</button>}
      </form>
      {editing && <CsatChannelSettings key={editing.id} channel={editing} />}
      {error && <p className="error" role="alert">{error}</p>}
    </section>
  );
}
