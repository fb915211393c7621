import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api/client.js';
import { useChannels } from '../api/hooks.js';
import { navigate } from '../app/router.js';
import { QueryStats } from './QueryStats.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { formatAge, formatNumber } from '../i18n/format.js';

interface ListeningQuery {
  id: string;
  name: string;
  query: string;
  labels: string[];
  brand: string | null;
}

/** What the mentions and the chart show: everything, one query, or one brand's queries together. */
type Selection = { queryId: string } | { brand: string } | null;

function selectionPaths(selected: Selection): { mentions: string; stats: string | null } {
  if (selected === null) return { mentions: '/api/v1/listening/mentions', stats: null };
  if ('brand' in selected) {
    const brand = encodeURIComponent(selected.brand);
    return { mentions: `/api/v1/listening/mentions?brand=${brand}`, stats: `/api/v1/listening/brands/stats?brand=${brand}` };
  }
  return { mentions: `/api/v1/listening/mentions?queryId=${selected.queryId}`, stats: `/api/v1/listening/queries/${selected.queryId}/stats` };
}

interface Mention {
  id: string;
  messageId: string | null;
  source: string;
  author: string | null;
  reach: number | null;
  text: string;
  sentiment: string | null;
  queryIds: string[];
  createdAt: string;
}

interface Alert {
  id: string;
  queryId: string | null;
  brand: string | null;
  kind: 'volume' | 'negative';
  severity: 'low' | 'medium' | 'high';
  observed: number;
  expected: number;
  acknowledgedAt: string | null;
  createdAt: string;
}

interface Items<T> {
  items: T[];
}

/** Answer a mention where it was posted: it becomes a public conversation on the chosen channel. */
function Outreach({ mention }: { mention: Mention }) {
  const { t } = useI18n();
  const channels = (useChannels().data ?? []).filter((c) => !c.disabled);
  const [channelId, setChannelId] = useState('');
  const [error, setError] = useState<string | null>(null);
  async function open() {
    setError(null);
    try {
      const res = await api.post<{ conversationId: string }>(`/api/v1/listening/mentions/${mention.id}/conversation`, { channelId: channelId || channels[0]?.id });
      navigate(`/c/${res.conversationId}`);
    } catch (err) {
      setError(t('common.error', { message: err instanceof ApiError ? err.message : String(err) }));
    }
  }
  if (mention.messageId) return <button type="button" onClick={() => void open()}>{t('listening.openConversation')}</button>;
  return (
    <div className="inline-form">
      <select aria-label={t('listening.answerOn')} value={channelId} onChange={(e) => setChannelId(e.target.value)}>
        {channels.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
      </select>
      <button type="button" onClick={() => void open()} data-testid="mention-outreach">{t('listening.answer')}</button>
      {error && <span className="error" role="alert">{error}</span>}
    </div>
  );
}

/** Monitoring queries, tried on sample posts before saving, and the mentions they found. */
export default function ListeningPage() {
  const { t, locale } = useI18n();
  const client = useQueryClient();
  const queries = useQuery({ queryKey: ['listening-queries'], queryFn: () => api.get<Items<ListeningQuery>>('/api/v1/listening/queries').then((r) => r.items) });
  const brands = useQuery({ queryKey: ['listening-brands'], queryFn: () => api.get<Items<{ brand: string; queries: number }>>('/api/v1/listening/brands').then((r) => r.items) });
  const [selected, setSelected] = useState<Selection>(null);
  const paths = selectionPaths(selected);
  const mentions = useQuery({
    queryKey: ['mentions', paths.mentions],
    queryFn: () => api.get<Items<Mention>>(paths.mentions).then((r) => r.items),
    refetchInterval: 10_000,
  });
  const alerts = useQuery({ queryKey: ['listening-alerts'], queryFn: () => api.get<Items<Alert>>('/api/v1/listening/alerts?open=true').then((r) => r.items) });
  async function act(id: string, action: 'acknowledge' | 'resolve') {
    await api.post(`/api/v1/listening/alerts/${id}/${action}`);
    await client.invalidateQueries({ queryKey: ['listening-alerts'] });
  }
  const [name, setName] = useState('');
  const [brand, setBrand] = useState('');
  const [text, setText] = useState('');
  const [samples, setSamples] = useState('');
  const [tested, setTested] = useState<{ text: string; matched: boolean }[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  function problem(err: unknown): string {
    return err instanceof ApiError ? err.message : String(err);
  }

  async function test() {
    setError(null);
    try {
      const lines = samples.split('\n').map((l) => l.trim()).filter(Boolean);
      const res = await api.post<Items<{ text: string; matched: boolean }>>('/api/v1/listening/queries/test', { query: text, samples: lines.map((l) => ({ text: l })) });
      setTested(res.items);
    } catch (err) {
      setTested(null);
      setError(problem(err));
    }
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      await api.post('/api/v1/listening/queries', { name, query: text, ...(brand.trim() && { brand: brand.trim() }) });
      setName('');
      setText('');
      setTested(null);
      await client.invalidateQueries({ queryKey: ['listening-queries'] });
      await client.invalidateQueries({ queryKey: ['listening-brands'] });
    } catch (err) {
      setError(problem(err));
    }
  }

  const nameOf = new Map((queries.data ?? []).map((q) => [q.id, q.name]));
  return (
    <main id="main" className="listening-page">
      <section aria-labelledby="queries-title" className="listening-queries">
        <h2 id="queries-title">{t('listening.queries')}</h2>
        <ul className="plain">
          <li>
            <button type="button" className={selected === null ? 'view active' : 'view'} onClick={() => setSelected(null)}>{t('listening.allMentions')}</button>
          </li>
          {(queries.data ?? []).map((q) => (
            <li key={q.id}>
              <button type="button" data-testid="listening-query" className={selected && 'queryId' in selected && selected.queryId === q.id ? 'view active' : 'view'} onClick={() => setSelected({ queryId: q.id })}>
                <span>{q.name}</span>
                <code className="muted small">{q.query}</code>
              </button>
            </li>
          ))}
        </ul>
        {(brands.data ?? []).length > 0 && (
          <>
            <h3>{t('listening.brands')}</h3>
            <ul className="plain">
              {(brands.data ?? []).map((b) => (
                <li key={b.brand}>
                  <button type="button" data-testid="listening-brand" className={selected && 'brand' in selected && selected.brand === b.brand ? 'view active' : 'view'} onClick={() => setSelected({ brand: b.brand })}>
                    <span>{b.brand}</span>
                    <span className="muted small">{t('listening.brandQueries', { n: formatNumber(locale, b.queries) })}</span>
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
        <form className="stack-form" onSubmit={save}>
          <h3>{t('listening.newQuery')}</h3>
          <label className="field"><span>{t('common.name')}</span><input required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} /></label>
          <label className="field">
            <span>{t('listening.brand')}</span>
            <input data-testid="listening-brand-input" maxLength={80} list="listening-brand-names" value={brand} onChange={(e) => setBrand(e.target.value)} />
            <datalist id="listening-brand-names">{(brands.data ?? []).map((b) => <option key={b.brand} value={b.brand} />)}</datalist>
          </label>
          <label className="field">
            <span>{t('listening.query')}</span>
            <input data-testid="listening-query-input" required value={text} onChange={(e) => setText(e.target.value)} placeholder='Nordlicht AND (Lieferung~ OR Paket*) NOT Gewinnspiel' />
          </label>
          <p className="muted small">{t('listening.syntax')}</p>
          <label className="field"><span>{t('listening.samples')}</span><textarea data-testid="listening-samples" rows={3} value={samples} onChange={(e) => setSamples(e.target.value)} /></label>
          <div className="inline-form">
            <button type="button" data-testid="listening-test" disabled={!text || !samples.trim()} onClick={() => void test()}>{t('listening.test')}</button>
            <button type="submit" className="primary">{t('common.create')}</button>
          </div>
          {tested && (
            <ul className="plain" data-testid="listening-results">
              {tested.map((r, i) => <li key={i} className={r.matched ? 'match' : 'nomatch'}>{r.matched ? '✓' : '–'} {r.text}</li>)}
            </ul>
          )}
          {error && <p className="error" role="alert" data-testid="listening-error">{error}</p>}
        </form>
      </section>
      <section aria-labelledby="mentions-title" className="listening-mentions">
        {(alerts.data ?? []).length > 0 && (
          <div className="alerts" role="alert">
            <h2>{t('listening.alerts')}</h2>
            <ul className="plain">
              {(alerts.data ?? []).map((a) => (
                <li key={a.id} data-testid="listening-alert" className={`alert ${a.severity}`}>
                  <strong>{a.brand !== null ? t('listening.brandAlert', { brand: a.brand }) : (a.queryId && nameOf.get(a.queryId)) ?? a.queryId}</strong>{' '}
                  {a.kind === 'volume'
                    ? t('listening.alertVolume', { observed: formatNumber(locale, a.observed), expected: formatNumber(locale, a.expected, 1) })
                    : t('listening.alertNegative', { observed: formatNumber(locale, a.observed * 100), expected: formatNumber(locale, a.expected * 100) })}
                  <span className="muted small"> · {formatAge(locale, a.createdAt)}</span>
                  {!a.acknowledgedAt && <button type="button" onClick={() => void act(a.id, 'acknowledge')}>{t('listening.acknowledge')}</button>}
                  <button type="button" onClick={() => void act(a.id, 'resolve')}>{t('listening.resolve')}</button>
                </li>
              ))}
            </ul>
          </div>
        )}
        <h2 id="mentions-title">{t('listening.mentions')}</h2>
        {paths.stats && <QueryStats path={paths.stats} />}
        {(mentions.data ?? []).length === 0 && <p className="muted">{t('listening.noMentions')}</p>}
        <ul className="plain">
          {(mentions.data ?? []).map((m) => (
            <li key={m.id} data-testid="mention" className="mention">
              <header className="message-head">
                <strong>{m.author ?? t('inbox.unknownContact')}</strong>
                <span className="pill">{m.source}</span>
                {m.reach !== null && <span className="muted small">{t('listening.reach', { n: formatNumber(locale, m.reach) })}</span>}
                {m.sentiment && m.sentiment !== 'neutral' && <span className={`pill sentiment ${m.sentiment}`}>{t(m.sentiment === 'negative' ? 'sentiment.negative' : 'sentiment.positive')}</span>}
                <time dateTime={m.createdAt}>{formatAge(locale, m.createdAt)}</time>
              </header>
              <p className="message-body text">{m.text}</p>
              <p className="muted small">{m.queryIds.map((id) => nameOf.get(id) ?? id).join(', ')}</p>
              <Outreach mention={m} />
            </li>
          ))}
        </ul>
      </section>
    </main>
  );
}
