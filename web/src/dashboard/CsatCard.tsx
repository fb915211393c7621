import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.js';
import type { CsatReport } from '../api/types.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { formatNumber } from '../i18n/format.js';
import { CsatKpis, Distribution } from '../reports/figures.js';

/** Customer satisfaction of the last 30 days: the figures, the spread of ratings and the daily trend. */
export function CsatCard() {
  const { t, locale } = useI18n();
  const { data } = useQuery({ queryKey: ['csat-report', 'dashboard'], queryFn: () => api.get<CsatReport>('/api/v1/reports/csat?groupBy=agent') });
  if (!data) return null;
  return (
    <section className="card wide" data-testid="dashboard-csat">
      <h2>{t('csat.dashboardTitle')}</h2>
      {data.total.sent === 0 ? (
        <p className="muted">{t('csat.none')}</p>
      ) : (
        <>
          <CsatKpis figures={data.total} />
          <Distribution figures={data.total} />
          {data.trend.length > 0 && (
            <>
              <h3>{t('csat.trend')}</h3>
              <ul className="plain small">
                {data.trend.slice(-14).map((d) => (
                  <li key={d.day}>{d.day}: {formatNumber(locale, d.average, 2)} ({t('csat.answers', { n: d.answered })})</li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}
