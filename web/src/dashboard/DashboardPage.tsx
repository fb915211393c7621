import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import uPlot, { type AlignedData, type Options } from 'uplot';
import { api, query } from '../api/client.js';
import type { ConversationDto, Page } from '../api/types.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { formatDuration, formatNumber, formatTime } from '../i18n/format.js';
import { channelLabelKey } from '../inbox/channels.js';
import { Chart } from './Chart.js';
import { CsatCard } from './CsatCard.js';
import { ACTIVE, countBy, firstResponse, FRT_BUCKETS_MIN, volumeByChannel } from './metrics.js';

const SAMPLE = 500;
const COLORS = ['#2563eb', '#15803d', '#b45309', '#7c3aed', '#be123c', '#0f766e', '#475569', '#a16207', '#1d4ed8'];

/** The latest conversations, page by page: there is no aggregate endpoint yet. */
async function loadSample(): Promise<ConversationDto[]> {
  const out: ConversationDto[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<ConversationDto> = await api.get(`/api/v1/conversations${query({ limit: Math.min(200, SAMPLE - out.length), cursor })}`);
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && out.length < SAMPLE);
  return out;
}

function Bars({ title, rows }: { title: string; rows: { label: string; value: number }[] }) {
  const { locale } = useI18n();
  const max = Math.max(1, ...rows.map((r) => r.value));
  return (
    <section className="card">
      <h2>{title}</h2>
      <ul className="bars">
        {rows.map((r) => (
          <li key={r.label}>
            <span className="bar-label">{r.label}</span>
            <span className="bar-track"><span className="bar-fill" style={{ width: `${(r.value / max) * 100}%` }} /></span>
            <span className="bar-value">{formatNumber(locale, r.value)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export default function DashboardPage() {
  const { t, locale } = useI18n();
  const { data: sample, isLoading } = useQuery({ queryKey: ['dashboard'], queryFn: loadSample });
  const now = useMemo(() => Date.now(), [sample]);

  const volume = useMemo(() => {
    const v = volumeByChannel(sample ?? [], now);
    const types = Object.keys(v.byChannel).sort();
    const data: AlignedData = [v.hours, ...types.map((ty) => v.byChannel[ty] ?? [])];
    const options: Omit<Options, 'width'> = {
      height: 260,
      series: [{}, ...types.map((ty, i) => ({ label: t(channelLabelKey(ty)), stroke: COLORS[i % COLORS.length], width: 2 }))],
      axes: [{ values: (_u: uPlot, splits: number[]) => splits.map((s) => formatTime(locale, new Date(s * 1000).toISOString())) }, { label: t('dash.conversations') }],
      scales: { x: { time: true } },
    };
    return { data, options };
  }, [sample, now, t, locale]);

  const frt = useMemo(() => firstResponse(sample ?? []), [sample]);
  const frtChart = useMemo(() => {
    const labels = ['<15m', '15–60m', '1–4h', '4–24h', '≥24h'];
    const xs = labels.map((_, i) => i);
    const options: Omit<Options, 'width'> = {
      height: 220,
      scales: { x: { time: false, range: [-0.5, FRT_BUCKETS_MIN.length + 0.5] } },
      series: [{}, { label: t('dash.conversations'), fill: '#93c5fd', stroke: '#2563eb', paths: uPlot.paths.bars?.({ size: [0.6, 80] }) }],
      axes: [{ values: (_u: uPlot, splits: number[]) => splits.map((s) => labels[s] ?? ''), splits: () => xs }, { label: t('dash.conversations') }],
      legend: { show: false },
    };
    return { data: [xs, frt.buckets] as AlignedData, options };
  }, [frt, t]);

  if (isLoading || !sample) return <main id="main" className="page"><p className="placeholder" role="status">{t('common.loading')}</p></main>;

  const active = sample.filter((c) => ACTIVE.includes(c.status));
  const byStatus = countBy(active, (c) => c.status);
  const byTier = countBy(active, (c) => c.tier);
  return (
    <main id="main" className="page dashboard" data-testid="dashboard">
      <header className="page-head">
        <h1>{t('dash.title')}</h1>
        <p className="muted">{t('dash.sample', { count: formatNumber(locale, sample.length) })}</p>
      </header>
      <section className="card wide">
        <h2>{t('dash.volume')}</h2>
        <Chart options={volume.options} data={volume.data} label={t('dash.volume')} />
      </section>
      <div className="card-row">
        <Bars title={t('dash.byStatus')} rows={ACTIVE.map((s) => ({ label: t(`status.${s}`), value: byStatus.get(s) ?? 0 }))} />
        <Bars title={t('dash.byTier')} rows={[1, 2, 3].map((n) => ({ label: t('tier.label', { tier: n }), value: byTier.get(n) ?? 0 }))} />
      </div>
      <section className="card wide">
        <h2>{t('dash.frt')}</h2>
        {frt.median === null ? (
          <p className="muted">{t('dash.frtNone')}</p>
        ) : (
          <>
            <p className="kpis">
              <span>{t('dash.frtMedian', { value: formatDuration(locale, frt.median) })}</span>
              <span>{t('dash.frtP90', { value: formatDuration(locale, frt.p90 ?? 0) })}</span>
            </p>
            <Chart options={frtChart.options} data={frtChart.data} label={t('dash.frtBuckets')} />
          </>
        )}
      </section>
      <CsatCard />
    </main>
  );
}
