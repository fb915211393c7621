import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useUsers } from '../api/hooks.js';
import { navigate } from '../app/router.js';
import { isEditable, neighbour, shortcutFor } from '../app/shortcuts.js';
import { useReadySession } from '../auth/SessionProvider.js';
import { ConversationView } from '../conversation/ConversationView.js';
import { patchConversation } from '../conversation/patch.js';
import type { ReplyBoxHandle } from '../conversation/ReplyBox.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { formatNumber } from '../i18n/format.js';
import { FilterBar } from './FilterBar.js';
import type { InboxFilter } from './filter.js';
import { InboxList } from './InboxList.js';
import { useInbox } from './useInbox.js';
import { loadSavedViews, storeSavedViews, viewFromFilter, type SavedView } from './saved-views.js';
import { combine, VIEWS } from './views.js';
import { ViewsSidebar } from './ViewsSidebar.js';

const VIEW_KEY = 'parley.view';

export function InboxPage({ conversationId, onHelp }: { conversationId: string | null; onHelp(): void }) {
  const { t, locale } = useI18n();
  const session = useReadySession();
  const client = useQueryClient();
  const users = useUsers().data;
  const [viewId, setViewId] = useState(() => localStorage.getItem(VIEW_KEY) ?? 'all');
  const [own, setOwn] = useState<InboxFilter>({});
  const searchRef = useRef<HTMLInputElement>(null);
  const replyRef = useRef<ReplyBoxHandle>(null);

  const [saved, setSaved] = useState<SavedView[]>(() => loadSavedViews(session.user.id));
  const savedView = saved.find((v) => v.id === viewId);
  const view = savedView ? null : (VIEWS.find((v) => v.id === viewId) ?? VIEWS[0]);
  const baseFilter = savedView?.filter ?? view?.filter;
  const filter = useMemo(() => combine(baseFilter ?? {}, own), [baseFilter, own]);
  const title = savedView ? savedView.name : view ? t(view.labelKey) : t('inbox.title');
  const inbox = useInbox(filter);
  const items = useMemo(() => inbox.data?.pages.flatMap((p) => p.items) ?? [], [inbox.data]);
  const userNames = useMemo(() => new Map((users ?? []).map((u) => [u.id, u.name])), [users]);

  const selectView = useCallback((id: string) => {
    localStorage.setItem(VIEW_KEY, id);
    setViewId(id);
  }, []);
  const open = useCallback((id: string) => navigate(`/c/${id}`), []);
  const updateSaved = useCallback(
    (next: SavedView[]) => {
      storeSavedViews(session.user.id, next);
      setSaved(next);
    },
    [session.user.id],
  );
  const saveView = useCallback(
    (name: string) => {
      const created = viewFromFilter(crypto.randomUUID(), name, filter);
      updateSaved([...saved, created]);
      setOwn({});
      selectView(created.id);
    },
    [filter, saved, updateSaved, selectView],
  );
  const deleteView = useCallback(
    (id: string) => {
      updateSaved(saved.filter((v) => v.id !== id));
      if (id === viewId) selectView('all');
    },
    [saved, updateSaved, viewId, selectView],
  );
  const { fetchNextPage, hasNextPage, isFetchingNextPage } = inbox;
  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);

  const latest = useRef({ items, conversationId });
  latest.current = { items, conversationId };

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      const action = shortcutFor({ key: e.key, ctrlKey: e.ctrlKey, metaKey: e.metaKey, altKey: e.altKey, editing: isEditable(e.target) });
      if (!action || action === 'escape') return;
      const { items: list, conversationId: current } = latest.current;
      const ids = list.map((c) => c.id);
      const act = (fn: () => void) => {
        e.preventDefault();
        fn();
      };
      switch (action) {
        case 'next':
        case 'prev': {
          const id = neighbour(ids, current, action === 'next' ? 1 : -1);
          if (id) act(() => open(id));
          break;
        }
        case 'reply':
          act(() => replyRef.current?.focus());
          break;
        case 'search':
          act(() => searchRef.current?.focus());
          break;
        case 'help':
          act(onHelp);
          break;
        case 'assignMe':
          if (current && session.role !== 'viewer') act(() => void patchConversation(client, current, { assigneeId: session.user.id }, session.user.id));
          break;
        case 'resolve':
          if (current && session.role !== 'viewer') act(() => void patchConversation(client, current, { status: 'resolved' }, session.user.id));
          break;
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [client, onHelp, open, session]);

  return (
    <div className={`inbox-layout${conversationId ? ' has-selection' : ''}`}>
      <ViewsSidebar viewId={viewId} own={own} saved={saved} onSelect={selectView} onDelete={deleteView} />
      <section className="inbox-column" aria-labelledby="inbox-title">
        <header className="column-head">
          <h1 id="inbox-title">{title}</h1>
          <span className="muted small" aria-live="polite">{t('inbox.loaded', { count: formatNumber(locale, items.length) })}{hasNextPage ? '+' : ''}</span>
        </header>
        <FilterBar own={own} onChange={setOwn} onSave={saveView} searchRef={searchRef} />
        {inbox.isLoading ? (
          <p className="placeholder" role="status">{t('common.loading')}</p>
        ) : inbox.error ? (
          <p className="error" role="alert">{t('common.error', { message: inbox.error.message })}</p>
        ) : (
          <InboxList items={items} selectedId={conversationId} hasMore={hasNextPage} loadingMore={isFetchingNextPage} loadMore={loadMore} onOpen={open} userNames={userNames} />
        )}
      </section>
      <main id="main" className="detail-column">
        {conversationId ? (
          <>
            <button type="button" className="link back" onClick={() => navigate('/')}>← {t('conv.back')}</button>
            <ConversationView key={conversationId} id={conversationId} ref={replyRef} />
          </>
        ) : (
          <p className="placeholder">{t('inbox.select')}</p>
        )}
      </main>
    </div>
  );
}
