import type { CsatFigures } from '../api/types.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { formatNumber } from '../i18n/format.js';

/** A share as a percentage, or a dash while there is nothing to divide by. */
export function usePercent(): (share: number | null) => string {
  const { locale } = useI18n();
  return (share) => (share === null ? '–' : `${formatNumber(locale, share * 100)} %`);
}

/** Answers per rating, 1 to 5, as bars. */
export function Distribution({ figures }: { figures: CsatFigures }) {
  const { t, locale } = useI18n();
  const max = Math.max(1, ...figures.distribution);
  return (
    <ul className="bars" aria-label={t('csat.distribution')}>
      {figures.distribution.map((count, i) => (
        <li key={i}>
          <span className="bar-label">{t('csat.stars', { n: i + 1 })}</span>
          <span className="bar-track"><span className="bar-fill" style={{ width: `${(count / max) * 100}%` }} /></span>
          <span className="bar-value">{formatNumber(locale, count)}</span>
        </li>
      ))}
    </ul>
  );
}

/** Average, response rate and satisfied share of a set of surveys. */
export function CsatKpis({ figures }: { figures: CsatFigures }) {
  const { t, locale } = useI18n();
  const percent = usePercent();
  return (
    <p className="kpis" data-testid="csat-kpis">
      <span>{t('csat.average', { value: figures.average === null ? '–' : formatNumber(locale, figures.average, 2) })}</span>
      <span>{t('csat.responseRate', { value: percent(figures.responseRate), answered: figures.answered, sent: figures.sent })}</span>
      <span>{t('csat.satisfied', { value: percent(figures.satisfiedShare) })}</span>
    </p>
  );
}
