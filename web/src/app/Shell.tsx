import { lazy, Suspense, useCallback, useState } from 'react';
import { useReadySession, useSession } from '../auth/SessionProvider.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { InboxPage } from '../inbox/InboxPage.js';
import { useLiveStream } from '../live/useLiveStream.js';
import { HelpOverlay } from './HelpOverlay.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { navigate, parseRoute, usePath } from './router.js';

// Charts and admin screens load on demand so the inbox starts small.
const DashboardPage = lazy(() => import('../dashboard/DashboardPage.js'));
const SettingsPage = lazy(() => import('../settings/SettingsPage.js'));
const ListeningPage = lazy(() => import('../listening/ListeningPage.js'));
const PhonePage = lazy(() => import('../phone/PhonePage.js'));
const ReviewsPage = lazy(() => import('../reviews/ReviewsPage.js'));
const ReportsPage = lazy(() => import('../reports/ReportsPage.js'));
const KnowledgeGapsPage = lazy(() => import('../knowledge/KnowledgeGapsPage.js'));
const KnowledgePage = lazy(() => import('../knowledge/KnowledgePage.js'));

function NavLink({ to, active, children }: { to: string; active: boolean; children: string }) {
  return (
    <a
      href={to}
      className={active ? 'nav-link active' : 'nav-link'}
      aria-current={active ? 'page' : undefined}
      onClick={(e) => {
        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
        e.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}

export function Shell() {
  const { t } = useI18n();
  const session = useReadySession();
  const { logout } = useSession();
  const route = parseRoute(usePath());
  const live = useLiveStream(session.user.id);
  const [help, setHelp] = useState(false);
  const openHelp = useCallback(() => setHelp(true), []);

  return (
    <div className="app">
      <a className="skip" href="#main">{t('app.skip')}</a>
      <header className="topbar">
        <span className="brand"><span className="brand-mark" aria-hidden="true">P</span>{t('app.name')}<span className="workspace muted">{session.workspace.name}</span></span>
        <nav aria-label="Parley">
          <NavLink to="/" active={route.name === 'inbox'}>{t('nav.inbox')}</NavLink>
          <NavLink to="/dashboard" active={route.name === 'dashboard'}>{t('nav.dashboard')}</NavLink>
          <NavLink to="/reviews" active={route.name === 'reviews'}>{t('reviews.nav')}</NavLink>
          <NavLink to="/listening" active={route.name === 'listening'}>{t('nav.listening')}</NavLink>
          <NavLink to="/phone" active={route.name === 'phone'}>{t('nav.phone')}</NavLink>
          <NavLink to="/reports" active={route.name === 'reports'}>{t('reports.title')}</NavLink>
          <NavLink to="/knowledge-gaps" active={route.name === 'kb-gaps'}>{t('kb.gaps.nav')}</NavLink>
          <NavLink to="/knowledge" active={route.name === 'knowledge'}>{t('kb.nav')}</NavLink>
          <NavLink to="/settings" active={route.name === 'settings'}>{t('nav.settings')}</NavLink>
        </nav>
        <span className="spacer" />
        <span className={`live ${live}`} data-testid="live-state" data-state={live} role="status">{live === 'live' ? t('nav.live') : t('nav.offline')}</span>
        <button type="button" className="ghost" onClick={openHelp} aria-label={t('nav.shortcuts')} title={t('nav.shortcuts')}>?</button>
        <LanguageSwitch />
        <span className="me" title={session.user.email}>{session.user.name}</span>
        <button type="button" data-testid="logout" onClick={() => void logout()}>{t('nav.logout')}</button>
      </header>
      {route.name === 'inbox' && <InboxPage conversationId={route.conversationId} onHelp={openHelp} />}
      <Suspense fallback={<p className="placeholder" role="status">{t('common.loading')}</p>}>
        {route.name === 'dashboard' && <DashboardPage />}
        {route.name === 'listening' && <ListeningPage />}
        {route.name === 'phone' && <PhonePage />}
        {route.name === 'reviews' && <ReviewsPage conversationId={route.conversationId} />}
        {route.name === 'reports' && <ReportsPage />}
        {route.name === 'kb-gaps' && <KnowledgeGapsPage />}
        {route.name === 'settings' && <SettingsPage section={route.section} />}
        {route.name === 'knowledge' && <KnowledgePage articleId={route.articleId} />}
      </Suspense>
      {help && <HelpOverlay onClose={() => setHelp(false)} />}
    </div>
  );
}
