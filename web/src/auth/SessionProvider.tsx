import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, setCsrfToken, setUnauthorizedHandler } from '../api/client.js';
import type { Locale, Session, UserDto, WorkspaceDto } from '../api/types.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { isLocale } from '../i18n/translate.js';

type State = { kind: 'loading' } | { kind: 'anonymous'; expired: boolean } | { kind: 'ready'; session: Session };

interface SessionApi {
  state: State;
  login(email: string, password: string): Promise<void>;
  /** Takes over a session the server opened on another path (accepting an invitation). */
  enter(res: LoginResponse): void;
  logout(): Promise<void>;
  changeLocale(locale: Locale): void;
}

const SessionContext = createContext<SessionApi | null>(null);

// The session cookie is HTTP-only, so remember ourselves that there was one: a 401 then means "expired".
const HAD_SESSION = 'parley.hadSession';

export interface LoginResponse {
  user: UserDto;
  workspace: WorkspaceDto;
  csrfToken: string;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const queryClient = useQueryClient();
  const { setLocale } = useI18n();

  const adopt = useCallback(
    (session: Session) => {
      setCsrfToken(session.csrfToken);
      localStorage.setItem(HAD_SESSION, '1');
      if (isLocale(session.user.locale)) setLocale(session.user.locale);
      setState({ kind: 'ready', session });
    },
    [setLocale],
  );

  useEffect(() => {
    setUnauthorizedHandler(() => {
      setCsrfToken(null);
      queryClient.clear();
      setState({ kind: 'anonymous', expired: true });
    });
    api
      .get<Session>('/api/v1/auth/me')
      .then((me) => (me.user ? adopt(me) : setState({ kind: 'anonymous', expired: false })))
      .catch((err: unknown) => setState({ kind: 'anonymous', expired: err instanceof ApiError && err.status === 401 && localStorage.getItem(HAD_SESSION) === '1' }));
    return () => setUnauthorizedHandler(null);
  }, [adopt, queryClient]);

  const enter = useCallback((res: LoginResponse) => adopt({ user: res.user, role: res.user.role, workspace: res.workspace, csrfToken: res.csrfToken }), [adopt]);

  const login = useCallback(
    async (email: string, password: string) => {
      enter(await api.post<LoginResponse>('/api/v1/auth/login', { email, password }));
    },
    [enter],
  );

  const logout = useCallback(async () => {
    await api.post('/api/v1/auth/logout').catch(() => undefined);
    localStorage.removeItem(HAD_SESSION);
    setCsrfToken(null);
    queryClient.clear();
    setState({ kind: 'anonymous', expired: false });
  }, [queryClient]);

  const changeLocale = useCallback(
    (next: Locale) => {
      setLocale(next);
      if (state.kind !== 'ready') return;
      const user = state.session.user;
      setState({ kind: 'ready', session: { ...state.session, user: { ...user, locale: next } } });
      // Remembered per user on the server too, so the language follows the agent to other devices.
      api.patch(`/api/v1/users/${user.id}`, { locale: next }).catch(() => undefined);
    },
    [setLocale, state],
  );

  const value = useMemo(() => ({ state, login, enter, logout, changeLocale }), [state, login, enter, logout, changeLocale]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}

/** The logged-in session; only for components rendered behind the login gate. */
export function useReadySession(): Session {
  const { state } = useSession();
  if (state.kind !== 'ready') throw new Error('useReadySession without a session');
  return state.session;
}
