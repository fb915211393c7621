import { useI18n } from '../i18n/I18nProvider.js';
import { formatNumber } from '../i18n/format.js';
import type { InboxFilter } from './filter.js';
import type { SavedView } from './saved-views.js';
import { useViewCount } from './useInbox.js';
import { combine, countLabel, VIEWS } from './views.js';

function ViewCount({ filter }: { filter: InboxFilter }) {
  const { locale } = useI18n();
  const { data } = useViewCount(filter);
  return <span className="count">{data ? countLabel(data.count, data.more, (n) => formatNumber(locale, n)) : '…'}</span>;
}

interface Props {
  viewId: string;
  own: InboxFilter;
  saved: SavedView[];
  onSelect(id: string): void;
  onDelete(id: string): void;
}

export function ViewsSidebar({ viewId, own, saved, onSelect, onDelete }: Props) {
  const { t } = useI18n();
  const narrowing = { ...own, q: undefined };
  const item = (id: string, label: string, filter: InboxFilter) => (
    <button type="button" data-testid={`view-${id}`} className={id === viewId ? 'view active' : 'view'} aria-pressed={id === viewId} onClick={() => onSelect(id)}>
      <span>{label}</span>
      <ViewCount filter={combine(filter, narrowing)} />
    </button>
  );
  return (
    <nav className="views" aria-label={t('inbox.views')}>
      <h2 className="section-title">{t('inbox.views')}</h2>
      <ul>
        {VIEWS.map((v) => <li key={v.id}>{item(v.id, t(v.labelKey), v.filter)}</li>)}
      </ul>
      {saved.length > 0 && (
        <>
          <h2 className="section-title">{t('view.saved')}</h2>
          <ul>
            {saved.map((v) => (
              <li key={v.id} className="saved-view">
                {item(v.id, v.name, v.filter)}
                <button type="button" className="ghost chip-x" aria-label={t('view.delete', { name: v.name })} onClick={() => onDelete(v.id)}>×</button>
              </li>
            ))}
          </ul>
        </>
      )}
    </nav>
  );
}
