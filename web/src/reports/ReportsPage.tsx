import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, query } from '../api/client.js';
import type { CsatReport, GoodwillReport } from '../api/types.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { formatMoney, formatNumber } from '../i18n/format.js';
import { CsatKpis, Distribution, usePercent } from './figures.js';

type GroupBy = CsatReport['groupBy'];
type OutcomeRow = GoodwillReport['total'];

const day = (offsetDays: number) => new Date(Date.now() - offsetDays * 86_400_000).toISOString().slice(0, 10);

function CsatSection({ from, to }: { from: string; to: string }) {
  const { t, locale } = useI18n();
  const percent = usePercent();
  const [groupBy, setGroupBy] = useState<GroupBy>('agent');
  const { data, error } = useQuery({ queryKey: ['csat-report', from, to, groupBy], queryFn: () => api.get<CsatReport>(`/api/v1/reports/csat${query({ from, to, groupBy })}`) });
  return (
    <section className="card wide" data-testid="csat-report">
      <h2>{t('csat.reportTitle')}</h2>
      <label className="field compact">
        <span>{t('csat.groupBy')}</span>
        <select value={groupBy} onChange={(e) => setGroupBy(e.target.value === 'team' ? 'team' : e.target.value === 'channel' ? 'channel' : 'agent')}>
          <option value="agent">{t('csat.byAgent')}</option>
          <option value="team">{t('csat.byTeam')}</option>
          <option value="channel">{t('csat.byChannel')}</option>
        </select>
      </label>
      {error && <p className="error" role="alert">{t('common.error', { message: error.message })}</p>}
      {data && (
        <>
          <CsatKpis figures={data.total} />
          <Distribution figures={data.total} />
          <table className="table">
            <thead>
              <tr><th>{t(groupBy === 'agent' ? 'csat.byAgent' : groupBy === 'team' ? 'csat.byTeam' : 'csat.byChannel')}</th><th>{t('csat.sent')}</th><th>{t('csat.answeredCol')}</th><th>{t('csat.rateCol')}</th><th>{t('csat.averageCol')}</th><th>{t('csat.satisfiedCol')}</th></tr>
            </thead>
            <tbody>
              {data.groups.map((g) => (
                <tr key={g.id ?? 'none'}>
                  <td>{g.name ?? t('csat.nobody')}</td>
                  <td>{formatNumber(locale, g.sent)}</td>
                  <td>{formatNumber(locale, g.answered)}</td>
                  <td>{percent(g.responseRate)}</td>
                  <td>{g.average === null ? '–' : formatNumber(locale, g.average, 2)}</td>
                  <td>{percent(g.satisfiedShare)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

function OutcomeTable({ title, rows, currency, label }: { title: string; rows: OutcomeRow[]; currency: string; label: (r: OutcomeRow) => string }) {
  const { t, locale } = useI18n();
  const percent = usePercent();
  return (
    <>
      <h3>{title}</h3>
      <table className="table">
        <thead>
          <tr><th>{title}</th><th>{t('outcome.cases')}</th><th>{t('outcome.amount')}</th><th>{t('outcome.decided')}</th><th>{t('outcome.retained')}</th><th>{t('outcome.redemption')}</th></tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key ?? 'none'}>
              <td>{label(r)}</td>
              <td>{formatNumber(locale, r.cases)}</td>
              <td>{formatMoney(locale, r.amount, currency)}</td>
              <td>{formatNumber(locale, r.decided)}</td>
              <td>{percent(r.retainedShare)}</td>
              <td>{percent(r.redemptionRate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function GoodwillSection({ from, to }: { from: string; to: string }) {
  const { t, locale } = useI18n();
  const percent = usePercent();
  const [days, setDays] = useState(90);
  const { data, error } = useQuery({ queryKey: ['goodwill-report', from, to, days], queryFn: () => api.get<GoodwillReport>(`/api/v1/reports/goodwill${query({ from, to, retentionDays: days })}`) });
  const named = (r: OutcomeRow) => r.name ?? t('outcome.noChannel');
  return (
    <section className="card wide" data-testid="goodwill-report">
      <h2>{t('outcome.title')}</h2>
      <p className="muted small">{t('outcome.definition', { days })}</p>
      <label className="field compact">
        <span>{t('outcome.retentionDays')}</span>
        <input type="number" min={1} max={730} value={days} onChange={(e) => setDays(Math.min(730, Math.max(1, Number(e.target.value) || 1)))} />
      </label>
      {error && <p className="error" role="alert">{t('common.error', { message: error.message })}</p>}
      {data && (
        <>
          <p className="kpis">
            <span>{t('outcome.totalGrants', { n: data.total.cases, amount: formatMoney(locale, data.total.amount, data.currency) })}</span>
            <span>{t('outcome.retainedWith', { value: percent(data.total.retainedShare) })}</span>
            <span>{t('outcome.retainedWithout', { value: percent(data.baseline.total.retainedShare), n: data.baseline.total.cases })}</span>
            <span>{t('outcome.redeemed', { value: percent(data.total.redemptionRate) })}</span>
          </p>
          <OutcomeTable title={t('outcome.byDepartment')} rows={data.byDepartment} currency={data.currency} label={named} />
          <OutcomeTable title={t('outcome.byReason')} rows={data.byReason} currency={data.currency} label={named} />
          <OutcomeTable title={t('outcome.byChannel')} rows={data.byChannel} currency={data.currency} label={named} />
          <OutcomeTable title={t('outcome.baseline')} rows={data.baseline.byChannel} currency={data.currency} label={named} />
        </>
      )}
    </section>
  );
}

/** Satisfaction and what goodwill bought, over a period the user picks. */
export default function ReportsPage() {
  const { t } = useI18n();
  const [from, setFrom] = useState(day(29));
  const [to, setTo] = useState(day(0));
  return (
    <main id="main" className="page dashboard" data-testid="reports">
      <header className="page-head">
        <h1>{t('reports.title')}</h1>
        <label className="field compact"><span>{t('reports.from')}</span><input type="date" value={from} max={to} onChange={(e) => e.target.value && setFrom(e.target.value)} /></label>
        <label className="field compact"><span>{t('reports.to')}</span><input type="date" value={to} min={from} onChange={(e) => e.target.value && setTo(e.target.value)} /></label>
      </header>
      <CsatSection from={from} to={to} />
      <GoodwillSection from={from} to={to} />
    </main>
  );
}
