import { api, type TestParley } from './parley.js';

export type AsUser = <T = Record<string, unknown>>(method: string, url: string, body?: unknown) => ReturnType<typeof api<T>>;

/** Logs a user in and returns a caller that sends their session cookie and CSRF token, as the agent app does. */
export async function loginAs(p: TestParley, email: string, password: string): Promise<AsUser> {
  const login = await api<{ csrfToken: string }>(p, 'POST', '/api/v1/auth/login', null, { email, password });
  if (login.status !== 200) throw new Error(`login of ${email} answered ${login.status}`);
  const cookie = login.headers.getSetCookie().find((c) => c.startsWith('parley_session='))?.split(';')[0] ?? '';
  return (method, url, body) => api(p, method, url, null, body, { cookie, 'x-csrf-token': login.body.csrfToken });
}
