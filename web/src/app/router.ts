import { useSyncExternalStore } from 'react';

/** A tiny History-API router: the server answers every app path with index.html. */
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

export function navigate(path: string, replace = false): void {
  if (path === window.location.pathname) return;
  if (replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  for (const l of listeners) l();
}

export function usePath(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

export type Route =
  | { name: 'inbox'; conversationId: string | null }
  | { name: 'dashboard' }
  | { name: 'listening' }
  | { name: 'phone' }
  | { name: 'reports' }
  | { name: 'reviews'; conversationId: string | null }
  | { name: 'settings'; section: string }
  | { name: 'kb-gaps' }
  | { name: 'knowledge'; articleId: string | null };

export function parseRoute(path: string): Route {
  const parts = path.split('/').filter(Boolean);
  if (parts[0] === 'dashboard') return { name: 'dashboard' };
  if (parts[0] === 'listening') return { name: 'listening' };
  if (parts[0] === 'phone') return { name: 'phone' };
  if (parts[0] === 'reviews') return { name: 'reviews', conversationId: parts[1] ?? null };
  if (parts[0] === 'reports') return { name: 'reports' };
  if (parts[0] === 'knowledge-gaps') return { name: 'kb-gaps' };
  if (parts[0] === 'knowledge') return { name: 'knowledge', articleId: parts[1] ?? null };
  if (parts[0] === 'settings') return { name: 'settings', section: parts[1] ?? 'users' };
  if (parts[0] === 'c' && parts[1]) return { name: 'inbox', conversationId: parts[1] };
  return { name: 'inbox', conversationId: null };
}
