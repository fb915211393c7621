import { useI18n } from '../i18n/I18nProvider.js';
import type { InboxFilter } from './filter.js';
import { useViewCount } from './useInbox.js';
import { combine, countLabel, VIEWS } from './views.js';

function ViewCount({ filter }: { filter: InboxFilter }) {
  const { data } = useViewCount(filter);
  return <span className="count">{data ? countLabel(data.loaded, data.more) : '…'}</span>;
}

export function ViewsSidebar({ viewId, own, onSelect }: { viewId: string; own: InboxFilter; onSelect(id: string): void }) {
  const { t } = useI18n();
  return (
    <nav className="views" aria-label={t('inbox.views')}>
      <h2 className="section-title">{t('inbox.views')}</h2>
      <ul>
        {VIEWS.map((v) => (
          <li key={v.id}>
            <button type="button" data-testid={`view-${v.id}`} className={v.id === viewId ? 'view active' : 'view'} aria-pressed={v.id === viewId} onClick={() => onSelect(v.id)}>
              <span>{t(v.labelKey)}</span>
              <ViewCount filter={combine(v.filter, { ...own, q: undefined })} />
            </button>
          </li>
        ))}
      </ul>
      <p className="hint">{t('inbox.countHint')}</p>
    </nav>
  );
}
