import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { api, query } from '../api/client.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { formatDate, formatDuration, formatNumber } from '../i18n/format.js';

interface Figures {
  count: number;
  averageRating: number | null;
  responseRate: number | null;
  medianTimeToRespondSeconds: number | null;
}

interface Report {
  portals: (Figures & { portal: string; buckets: (Figures & { start: string })[] })[];
}

const DAY = 86_400_000;

export function ReviewReport() {
  const { t, locale } = useI18n();
  const [days, setDays] = useState(90);
  const [bucket, setBucket] = useState<'day' | 'week' | 'month'>('week');
  const range = useMemo(() => ({ from: new Date(Date.now() - days * DAY).toISOString(), to: new Date(Date.now() + 60_000).toISOString() }), [days]);
  const report = useQuery({ queryKey: ['reviews', 'report', range, bucket], queryFn: () => api.get<Report>(`/api/v1/reports/reviews${query({ ...range, bucket })}`) });
  const pct = (n: number | null) => (n === null ? '–' : `${formatNumber(locale, n * 100)} %`);
  const avg = (n: number | null) => (n === null ? '–' : formatNumber(locale, n, 2));
  const median = (s: number | null) => (s === null ? '–' : formatDuration(locale, s * 1000));

  return (
    <section className="review-report" aria-labelledby="review-report-title" data-testid="review-report">
      <h2 id="review-report-title">{t('reviews.report')}</h2>
      <div className="inline-form">
        <select aria-label={t('reviews.period')} value={days} onChange={(e) => setDays(Number(e.target.value))}>
          {[30, 90, 365].map((d) => <option key={d} value={d}>{t('reviews.lastDays', { n: d })}</option>)}
        </select>
        <select aria-label={t('reviews.bucket')} value={bucket} onChange={(e) => setBucket(e.target.value as typeof bucket)}>
          <option value="day">{t('reviews.bucket.day')}</option>
          <option value="week">{t('reviews.bucket.week')}</option>
          <option value="month">{t('reviews.bucket.month')}</option>
        </select>
      </div>
      {report.data?.portals.length === 0 && <p className="muted">{t('reviews.none')}</p>}
      {(report.data?.portals ?? []).map((p) => (
        <table key={p.portal} className="review-report-table" data-testid="review-report-portal">
          <caption>{p.portal}</caption>
          <thead>
            <tr><th scope="col">{t('reviews.bucketStart')}</th><th scope="col">{t('reviews.count')}</th><th scope="col">{t('reviews.averageRating')}</th><th scope="col">{t('reviews.responseRate')}</th><th scope="col">{t('reviews.medianResponse')}</th></tr>
          </thead>
          <tbody>
            {p.buckets.map((b) => (
              <tr key={b.start}>
                <td>{formatDate(locale, b.start)}</td>
                <td>{b.count}</td>
                <td><span className="rating-bar" style={{ width: `${((b.averageRating ?? 0) / 5) * 6}rem` }} aria-hidden="true" /> {avg(b.averageRating)}</td>
                <td>{pct(b.responseRate)}</td>
                <td>{median(b.medianTimeToRespondSeconds)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr><th scope="row">{t('reviews.total')}</th><td>{p.count}</td><td>{avg(p.averageRating)}</td><td data-testid="review-report-rate">{pct(p.responseRate)}</td><td>{median(p.medianTimeToRespondSeconds)}</td></tr>
          </tfoot>
        </table>
      ))}
    </section>
  );
}
