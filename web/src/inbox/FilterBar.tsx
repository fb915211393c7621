import { useEffect, useState, type RefObject } from 'react';
import { useLabels, useTeams } from '../api/hooks.js';
import type { ConversationStatus } from '../api/types.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { CHANNEL_TYPES, channelLabelKey } from './channels.js';
import type { InboxFilter } from './filter.js';

const STATUSES: ConversationStatus[] = ['open', 'pending', 'snoozed', 'resolved', 'closed'];

interface Props {
  own: InboxFilter;
  onChange(next: InboxFilter): void;
  onSave(name: string): void;
  searchRef: RefObject<HTMLInputElement | null>;
}

export function FilterBar({ own, onChange, onSave, searchRef }: Props) {
  const { t } = useI18n();
  const teams = useTeams().data ?? [];
  const labels = useLabels().data ?? [];
  const [q, setQ] = useState(own.q ?? '');
  const [viewName, setViewName] = useState('');
  const narrowed = Boolean(own.channelType || own.tier !== undefined || own.teamId || own.label || own.sentiment || own.status?.length);

  useEffect(() => {
    const timer = setTimeout(() => {
      if ((own.q ?? '') !== q) onChange({ ...own, q });
    }, 250);
    return () => clearTimeout(timer);
  }, [q, own, onChange]);

  const set = (patch: Partial<InboxFilter>) => onChange({ ...own, ...patch });
  return (
    <div className="filters" role="search">
      <label className="search">
        <span className="sr-only">{t('inbox.search')}</span>
        <input ref={searchRef} data-testid="search-input" type="search" placeholder={`${t('inbox.search')}  /`} value={q} onChange={(e) => setQ(e.target.value)} />
      </label>
      <div className="filter-row">
        <label>
          <span className="sr-only">{t('filter.channel')}</span>
          <select data-testid="filter-channel" aria-label={t('filter.channel')} value={own.channelType ?? ''} onChange={(e) => set({ channelType: e.target.value || undefined })}>
            <option value="">{t('filter.channel')}: {t('filter.any')}</option>
            {CHANNEL_TYPES.map((c) => <option key={c} value={c}>{t(channelLabelKey(c))}</option>)}
          </select>
        </label>
        <label>
          <span className="sr-only">{t('filter.status')}</span>
          <select data-testid="filter-status" aria-label={t('filter.status')} value={own.status?.[0] ?? ''} onChange={(e) => set({ status: e.target.value ? [e.target.value as ConversationStatus] : undefined })}>
            <option value="">{t('filter.status')}: {t('filter.any')}</option>
            {STATUSES.map((s) => <option key={s} value={s}>{t(`status.${s}`)}</option>)}
          </select>
        </label>
        <label>
          <span className="sr-only">{t('filter.tier')}</span>
          <select data-testid="filter-tier" aria-label={t('filter.tier')} value={own.tier ?? ''} onChange={(e) => set({ tier: e.target.value ? Number(e.target.value) : undefined })}>
            <option value="">{t('filter.tier')}: {t('filter.any')}</option>
            {[1, 2, 3].map((n) => <option key={n} value={n}>{t('tier.label', { tier: n })}</option>)}
          </select>
        </label>
        <label>
          <span className="sr-only">{t('filter.sentiment')}</span>
          <select
            data-testid="filter-sentiment"
            aria-label={t('filter.sentiment')}
            value={own.sentiment ?? ''}
            onChange={(e) => set({ sentiment: e.target.value === 'negative' || e.target.value === 'neutral' || e.target.value === 'positive' ? e.target.value : undefined })}
          >
            <option value="">{t('filter.sentiment')}: {t('filter.any')}</option>
            {(['negative', 'neutral', 'positive'] as const).map((s) => <option key={s} value={s}>{t(`sentiment.${s}`)}</option>)}
          </select>
        </label>
        <label>
          <span className="sr-only">{t('filter.team')}</span>
          <select data-testid="filter-team" aria-label={t('filter.team')} value={own.teamId ?? ''} onChange={(e) => set({ teamId: e.target.value || undefined })}>
            <option value="">{t('filter.team')}: {t('filter.any')}</option>
            {teams.map((tm) => <option key={tm.id} value={tm.id}>{tm.name}</option>)}
          </select>
        </label>
        <label>
          <span className="sr-only">{t('filter.label')}</span>
          <select data-testid="filter-label" aria-label={t('filter.label')} value={own.label ?? ''} onChange={(e) => set({ label: e.target.value || undefined })}>
            <option value="">{t('filter.label')}: {t('filter.any')}</option>
            {labels.map((l) => <option key={l.id} value={l.name}>{l.name}</option>)}
          </select>
        </label>
      </div>
      {narrowed && (
        <form className="save-view" onSubmit={(e) => {
          e.preventDefault();
          if (!viewName.trim()) return;
          onSave(viewName);
          setViewName('');
        }}>
          <input aria-label={t('view.name')} placeholder={t('view.name')} value={viewName} onChange={(e) => setViewName(e.target.value)} maxLength={40} />
          <button type="submit" disabled={!viewName.trim()}>{t('view.save')}</button>
          <button type="button" className="ghost" onClick={() => onChange({ q: own.q })}>{t('filter.clear')}</button>
        </form>
      )}
    </div>
  );
}
