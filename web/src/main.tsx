import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiError } from './api/client.js';
import { usePath } from './app/router.js';
import { Shell } from './app/Shell.js';
import { InvitationPage } from './auth/InvitationPage.js';
import { LoginPage } from './auth/LoginPage.js';
import { ResetPasswordPage } from './auth/ResetPasswordPage.js';
import { SessionProvider, useSession } from './auth/SessionProvider.js';
import { I18nProvider, useI18n } from './i18n/I18nProvider.js';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Live events keep the cache fresh; a 4xx will not get better by asking again.
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: (count, err) => !(err instanceof ApiError && err.status < 500) && count < 2,
    },
  },
});

function Gate() {
  const { state } = useSession();
  const { t } = useI18n();
  const path = usePath();
  // Mailed links open these pages whoever is signed in on this browser.
  if (path === '/reset-password') return <ResetPasswordPage />;
  if (path === '/invitation') return <InvitationPage />;
  if (state.kind === 'loading') return <p className="placeholder" role="status">{t('common.loading')}</p>;
  if (state.kind === 'anonymous') return <LoginPage expired={state.expired} />;
  return <Shell />;
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <I18nProvider>
          <SessionProvider>
            <Gate />
          </SessionProvider>
        </I18nProvider>
      </QueryClientProvider>
    </StrictMode>,
  );
}
