import { useQuery } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../api/client.js';
import type { BusinessCalendar } from '../../../src/domain/business-hours.js';
import type { SlaPolicy } from '../../../src/domain/sla-policy.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { calendarFromHours, type HoursForm, hoursFromCalendar, type PolicyRow, policiesFromRows, rowsFromPolicies } from './service-levels-form.js';
import { useSave } from './useSave.js';

const TIME_ZONES = ['Europe/Berlin', 'Europe/Vienna', 'Europe/Zurich', 'Europe/London', 'UTC', 'America/New_York'];
const EMPTY_ROW: PolicyRow = { name: '', priority: '', customerGroup: '', firstResponseHours: '', resolutionHours: '', businessHours: true };

/** Business hours and SLA policies, in hours; the server checks them and the inbox counts down. */
export function ServiceLevelsSettings() {
  const { t } = useI18n();
  const current = useQuery({ queryKey: ['service-levels'], queryFn: () => api.get<{ policies: SlaPolicy[]; calendar: BusinessCalendar }>('/api/v1/workspace/service-levels') });
  const { run, error } = useSave('service-levels');
  const [rows, setRows] = useState<PolicyRow[]>([]);
  const [hours, setHours] = useState<HoursForm | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (!current.data) return;
    setRows(rowsFromPolicies(current.data.policies));
    setHours(hoursFromCalendar(current.data.calendar));
  }, [current.data]);

  if (!current.data || !hours) return <p className="placeholder" role="status">{t('common.loading')}</p>;
  const holidays = current.data.calendar.holidays;
  const setRow = (i: number, patch: Partial<PolicyRow>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!hours) return;
    setSaved(false);
    const ok = await run(() => api.put('/api/v1/workspace/service-levels', { policies: policiesFromRows(rows), calendar: calendarFromHours(hours, holidays) }));
    if (ok) setSaved(true);
  }

  return (
    <section aria-labelledby="sla-title">
      <h2 id="sla-title">{t('settings.serviceLevels')}</h2>
      <form className="stack-form" onSubmit={save}>
        <h3>{t('sla.businessHours')}</h3>
        <div className="inline-form">
          <label className="field compact">
            <span>{t('sla.timeZone')}</span>
            <select value={hours.timeZone} onChange={(e) => setHours({ ...hours, timeZone: e.target.value })}>
              {[...new Set([hours.timeZone, ...TIME_ZONES])].map((z) => <option key={z} value={z}>{z}</option>)}
            </select>
          </label>
          <label className="field compact"><span>{t('sla.opens')}</span><input type="time" value={hours.weekdayStart} onChange={(e) => setHours({ ...hours, weekdayStart: e.target.value })} /></label>
          <label className="field compact"><span>{t('sla.closes')}</span><input type="time" value={hours.weekdayEnd} onChange={(e) => setHours({ ...hours, weekdayEnd: e.target.value })} /></label>
          <label className="check"><input type="checkbox" checked={hours.saturday} onChange={(e) => setHours({ ...hours, saturday: e.target.checked })} /> {t('sla.saturday')}</label>
        </div>
        <p className="muted small">{t('sla.holidays', { n: holidays.length })}</p>

        <h3>{t('sla.policies')}</h3>
        <table className="sla-table">
          <thead>
            <tr><th>{t('common.name')}</th><th>{t('filter.priority')}</th><th>{t('sla.group')}</th><th>{t('sla.firstResponse')}</th><th>{t('sla.resolution')}</th><th>{t('sla.inBusinessHours')}</th><th /></tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i} data-testid="sla-policy-row">
                <td><input aria-label={t('common.name')} required value={r.name} onChange={(e) => setRow(i, { name: e.target.value })} /></td>
                <td>
                  <select aria-label={t('filter.priority')} value={r.priority} onChange={(e) => setRow(i, { priority: e.target.value === 'low' || e.target.value === 'normal' || e.target.value === 'high' || e.target.value === 'urgent' ? e.target.value : '' })}>
                    <option value="">{t('filter.any')}</option>
                    {(['low', 'normal', 'high', 'urgent'] as const).map((p) => <option key={p} value={p}>{t(`priority.${p}`)}</option>)}
                  </select>
                </td>
                <td><input aria-label={t('sla.group')} value={r.customerGroup} placeholder="vip" onChange={(e) => setRow(i, { customerGroup: e.target.value })} /></td>
                <td><input aria-label={t('sla.firstResponse')} inputMode="decimal" value={r.firstResponseHours} onChange={(e) => setRow(i, { firstResponseHours: e.target.value })} /></td>
                <td><input aria-label={t('sla.resolution')} inputMode="decimal" value={r.resolutionHours} onChange={(e) => setRow(i, { resolutionHours: e.target.value })} /></td>
                <td><input type="checkbox" aria-label={t('sla.inBusinessHours')} checked={r.businessHours} onChange={(e) => setRow(i, { businessHours: e.target.checked })} /></td>
                <td><button type="button" onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))}>{t('common.delete')}</button></td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="inline-form">
          <button type="button" data-testid="sla-add" onClick={() => setRows((rs) => [...rs, EMPTY_ROW])}>{t('sla.addPolicy')}</button>
          <button type="submit" className="primary" data-testid="sla-save">{t('common.save')}</button>
        </div>
        {saved && <p className="notice" role="status">{t('sla.saved')}</p>}
        {error && <p className="error" role="alert">{error}</p>}
      </form>
    </section>
  );
}
