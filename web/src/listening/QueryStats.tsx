import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import uPlot, { type AlignedData, type Options } from 'uplot';
import type { QueryStats as Stats } from '../../../src/listening/query-stats.js';
import { api } from '../api/client.js';
import { Chart } from '../dashboard/Chart.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { formatNumber, formatTime } from '../i18n/format.js';

const HOURS = 48;

/** One query, or one brand's queries together, over the last two days: mentions and negative ones per hour, alerts marked, who and what. */
export function QueryStats({ path }: { path: string }) {
  const { t, locale } = useI18n();
  const url = `${path}${path.includes('?') ? '&' : '?'}hours=${HOURS}`;
  const { data } = useQuery({ queryKey: ['query-stats', url], queryFn: () => api.get<Stats>(url), refetchInterval: 60_000 });
  const chart = useMemo(() => {
    if (!data) return null;
    const xs = data.buckets.map((b) => Date.parse(b.start) / 1000);
    const alertHours = new Set(data.alerts.map((a) => Math.floor(Date.parse(a.bucketStart) / 3_600_000) * 3600));
    const markers = xs.map((x, i) => (alertHours.has(x) ? (data.buckets[i]?.total ?? 0) : null));
    const options: Omit<Options, 'width'> = {
      height: 200,
      scales: { x: { time: true } },
      series: [
        {},
        { label: t('listening.volume'), stroke: '#2563eb', width: 2 },
        { label: t('listening.negative'), stroke: '#b91c1c', width: 2 },
        { label: t('listening.alertMarker'), stroke: '#f59e0b', width: 0, points: { show: true, size: 10, fill: '#f59e0b' }, paths: () => null },
      ],
      axes: [{ values: (_u: uPlot, splits: number[]) => splits.map((s) => formatTime(locale, new Date(s * 1000).toISOString())) }, {}],
    };
    return { options, data: [xs, data.buckets.map((b) => b.total), data.buckets.map((b) => b.negative), markers] as AlignedData };
  }, [data, t, locale]);
  if (!data || !chart) return null;
  return (
    <section className="query-stats" data-testid="query-stats" aria-label={t('listening.stats')}>
      <Chart options={chart.options} data={chart.data} label={t('listening.stats')} />
      <div className="card-row">
        <div>
          <h3>{t('listening.topAuthors')}</h3>
          <ol className="plain small">{data.topAuthors.map((a) => <li key={a.author}>{a.author} · {formatNumber(locale, a.mentions)} · {t('listening.reach', { n: formatNumber(locale, a.reach) })}</li>)}</ol>
        </div>
        <div>
          <h3>{t('listening.topTerms')}</h3>
          <p className="small" data-testid="top-terms">{data.topTerms.map((x) => `${x.term} (${x.count})`).join(' · ')}</p>
        </div>
      </div>
    </section>
  );
}
