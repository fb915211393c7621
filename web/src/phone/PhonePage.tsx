import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { CallbackDto } from '../../../src/db/callbacks.js';
import { api, ApiError } from '../api/client.js';
import { useChannels } from '../api/hooks.js';
import { navigate } from '../app/router.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { formatDateTime } from '../i18n/format.js';

function useFormRun() {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  async function run(fn: () => Promise<unknown>, doneText: string): Promise<boolean> {
    setError(null);
    setDone(null);
    try {
      await fn();
      setDone(doneText);
      return true;
    } catch (err) {
      setError(t('common.error', { message: err instanceof ApiError ? err.message : String(err) }));
      return false;
    }
  }
  return { run, error, done };
}

function Callbacks() {
  const { t, locale } = useI18n();
  const client = useQueryClient();
  const callbacks = useQuery({ queryKey: ['callbacks'], queryFn: () => api.get<{ items: CallbackDto[] }>('/api/v1/callbacks?status=open').then((r) => r.items), refetchInterval: 15_000 }).data ?? [];
  const { run, error } = useFormRun();
  async function record(id: string, outcome: 'reached' | 'not_reached') {
    await run(() => api.post(`/api/v1/callbacks/${id}/outcome`, { outcome }), '');
    await client.invalidateQueries({ queryKey: ['callbacks'] });
  }
  const now = Date.now();
  return (
    <section className="card" aria-labelledby="callbacks-title">
      <h2 id="callbacks-title">{t('phone.callbacks')}</h2>
      {callbacks.length === 0 ? (
        <p className="muted">{t('phone.noCallbacks')}</p>
      ) : (
        <table className="table" data-testid="callbacks">
          <thead><tr><th>{t('phone.due')}</th><th>{t('common.name')}</th><th>{t('phone.number')}</th><th>{t('phone.note')}</th><th>{t('phone.attempts')}</th><th /></tr></thead>
          <tbody>
            {callbacks.map((c) => (
              <tr key={c.id} className={Date.parse(c.dueAt) < now ? 'overdue' : undefined}>
                <td><time dateTime={c.dueAt}>{formatDateTime(locale, c.dueAt)}</time>{Date.parse(c.dueAt) < now && <span className="pill danger"> {t('phone.overdue')}</span>}</td>
                <td><a href={`/c/${c.conversationId}`} onClick={(e) => { e.preventDefault(); navigate(`/c/${c.conversationId}`); }}>{c.contactName ?? '—'}</a></td>
                <td><a href={`tel:${c.phone}`}>{c.phone}</a></td>
                <td>{c.note}</td>
                <td>{c.attempts}</td>
                <td>
                  <button type="button" onClick={() => void record(c.id, 'reached')}>{t('phone.reached')}</button>{' '}
                  <button type="button" onClick={() => void record(c.id, 'not_reached')}>{t('phone.notReached')}</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {error && <p className="error" role="alert">{error}</p>}
    </section>
  );
}

function LogCall({ channels }: { channels: { id: string; name: string }[] }) {
  const { t } = useI18n();
  const { run, error, done } = useFormRun();
  const [f, setF] = useState({ channelId: '', name: '', phone: '', email: '', minutes: '', notes: '' });
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF((prev) => ({ ...prev, [k]: e.target.value }));
  async function submit(e: FormEvent) {
    e.preventDefault();
    const caller = { ...(f.name && { name: f.name }), ...(f.phone && { phone: f.phone }), ...(f.email && { email: f.email }) };
    const ok = await run(
      () => api.post('/api/v1/calls', { clientId: crypto.randomUUID(), direction: 'inbound', channelId: f.channelId || channels[0]?.id, caller, durationSeconds: Math.round(Number(f.minutes || 0) * 60), notes: f.notes }),
      t('phone.callLogged'),
    );
    if (ok) setF((prev) => ({ ...prev, name: '', phone: '', email: '', minutes: '', notes: '' }));
  }
  if (channels.length === 0) return <section className="card"><h2>{t('phone.logCall')}</h2><p className="muted">{t('phone.noPhoneChannel')}</p></section>;
  return (
    <section className="card" aria-labelledby="log-call-title">
      <h2 id="log-call-title">{t('phone.logCall')}</h2>
      <form className="stack" onSubmit={submit} data-testid="log-call">
        {channels.length > 1 && <label className="field"><span>{t('settings.channels')}</span><select value={f.channelId} onChange={set('channelId')}>{channels.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}</select></label>}
        <label className="field"><span>{t('common.name')}</span><input name="name" value={f.name} onChange={set('name')} /></label>
        <label className="field"><span>{t('phone.number')}</span><input name="phone" type="tel" value={f.phone} onChange={set('phone')} /></label>
        <label className="field"><span>{t('phone.email')}</span><input name="email" type="email" value={f.email} onChange={set('email')} /></label>
        <label className="field"><span>{t('phone.minutes')}</span><input name="minutes" type="number" min="0" step="0.5" value={f.minutes} onChange={set('minutes')} /></label>
        <label className="field"><span>{t('phone.notes')} *</span><textarea name="notes" required value={f.notes} onChange={set('notes')} /></label>
        <button type="submit" className="primary">{t('phone.save')}</button>
      </form>
      {done && <p role="status">{done}</p>}
      {error && <p className="error" role="alert">{error}</p>}
    </section>
  );
}

function EnterLetter({ channels }: { channels: { id: string; name: string }[] }) {
  const { t } = useI18n();
  const { run, error, done } = useFormRun();
  const [f, setF] = useState({ channelId: '', kind: 'letter', name: '', email: '', subject: '', text: '' });
  const [file, setFile] = useState<File | null>(null);
  // A file input cannot be cleared from its value; a new key gives a fresh one.
  const [fileInput, setFileInput] = useState(0);
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF((prev) => ({ ...prev, [k]: e.target.value }));
  async function submit(e: FormEvent) {
    e.preventDefault();
    const ok = await run(async () => {
      const scan = file ? await api.upload<{ id: string }>(`/api/v1/attachments?filename=${encodeURIComponent(file.name)}`, file) : null;
      await api.post('/api/v1/letters', {
        clientId: crypto.randomUUID(),
        channelId: f.channelId || channels[0]?.id,
        kind: f.kind,
        text: f.text,
        ...(f.subject && { subject: f.subject }),
        sender: { ...(f.name && { name: f.name }), ...(f.email && { email: f.email }) },
        attachmentIds: scan ? [scan.id] : [],
      });
    }, t('phone.letterSaved'));
    if (ok) {
      setF((prev) => ({ ...prev, name: '', email: '', subject: '', text: '' }));
      setFile(null);
      setFileInput((n) => n + 1);
    }
  }
  if (channels.length === 0) return <section className="card"><h2>{t('phone.enterLetter')}</h2><p className="muted">{t('phone.noLetterChannel')}</p></section>;
  return (
    <section className="card" aria-labelledby="letter-title">
      <h2 id="letter-title">{t('phone.enterLetter')}</h2>
      <form className="stack" onSubmit={submit} data-testid="enter-letter">
        <label className="field"><span>{t('settings.type')}</span><select name="kind" value={f.kind} onChange={set('kind')}><option value="letter">{t('phone.letter')}</option><option value="fax">{t('phone.fax')}</option></select></label>
        <label className="field"><span>{t('phone.sender')} *</span><input name="name" required value={f.name} onChange={set('name')} /></label>
        <label className="field"><span>{t('phone.email')}</span><input name="email" type="email" value={f.email} onChange={set('email')} /></label>
        <label className="field"><span>{t('phone.subject')}</span><input name="subject" value={f.subject} onChange={set('subject')} /></label>
        <label className="field"><span>{t('phone.letterText')} *</span><textarea name="text" required value={f.text} onChange={set('text')} /></label>
        <label className="field"><span>{t('phone.scan')}</span><input key={fileInput} name="scan" type="file" accept="application/pdf,image/*" onChange={(e) => setFile(e.target.files?.[0] ?? null)} /></label>
        <button type="submit" className="primary">{t('phone.save')}</button>
      </form>
      {done && <p role="status">{done}</p>}
      {error && <p className="error" role="alert">{error}</p>}
    </section>
  );
}

/** The phone and the post: callbacks to make, calls to log, letters and faxes to enter. */
export default function PhonePage() {
  const { t } = useI18n();
  const channels = useChannels().data ?? [];
  const of = (type: string) => channels.filter((c) => c.type === type && !c.disabled).map((c) => ({ id: c.id, name: c.name }));
  return (
    <main id="main" className="page phone" data-testid="phone-page">
      <header className="page-head"><h1>{t('nav.phone')}</h1></header>
      <Callbacks />
      <div className="columns">
        <LogCall channels={of('phone')} />
        <EnterLetter channels={of('letter')} />
      </div>
    </main>
  );
}
