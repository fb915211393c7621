import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import type { ConversationDto } from '../api/types.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { InboxRow } from './InboxRow.js';

interface Props {
  items: ConversationDto[];
  selectedId: string | null;
  hasMore: boolean;
  loadingMore: boolean;
  loadMore(): void;
  onOpen(id: string): void;
  userNames: Map<string, string>;
}

const ROW_HEIGHT = 92;

/** Only the rows in view are in the DOM, so 100,000 conversations scroll like 100. */
export function InboxList({ items, selectedId, hasMore, loadingMore, loadMore, onOpen, userNames }: Props) {
  const { t } = useI18n();
  const parent = useRef<HTMLDivElement>(null);
  // Ages ("5 min ago") go stale while the list sits open; redraw them once a minute.
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  const virtualizer = useVirtualizer({ count: items.length, getScrollElement: () => parent.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });
  const virtualItems = virtualizer.getVirtualItems();
  const lastIndex = virtualItems[virtualItems.length - 1]?.index ?? 0;

  useEffect(() => {
    if (hasMore && !loadingMore && lastIndex >= items.length - 20) loadMore();
  }, [hasMore, loadingMore, lastIndex, items.length, loadMore]);

  const selectedIndex = selectedId ? items.findIndex((c) => c.id === selectedId) : -1;
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  if (items.length === 0) return <p className="empty">{t('inbox.empty')}</p>;
  return (
    <div ref={parent} className="inbox-scroll" role="list" aria-label={t('inbox.title')}>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualItems.map((row) => {
          const c = items[row.index];
          if (!c) return null;
          return (
            <div key={c.id} role="listitem" className="inbox-slot" style={{ transform: `translateY(${row.start}px)`, height: ROW_HEIGHT }}>
              <InboxRow now={now} conversation={c} selected={c.id === selectedId} assigneeName={c.assigneeId ? (userNames.get(c.assigneeId) ?? null) : null} onOpen={onOpen} />
            </div>
          );
        })}
      </div>
      {loadingMore && <p className="loading-more" role="status">{t('inbox.loadingMore')}</p>}
    </div>
  );
}
