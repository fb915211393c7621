export type ShortcutAction = 'next' | 'prev' | 'reply' | 'assignMe' | 'resolve' | 'search' | 'help' | 'escape';

export interface KeyInput {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** True while typing in a field: then only Escape is a shortcut. */
  editing: boolean;
}

const keys: Record<string, ShortcutAction> = { j: 'next', k: 'prev', r: 'reply', a: 'assignMe', e: 'resolve', '/': 'search', '?': 'help' };

export function shortcutFor(input: KeyInput): ShortcutAction | null {
  if (input.key === 'Escape') return 'escape';
  if (input.editing || input.ctrlKey || input.metaKey || input.altKey) return null;
  return keys[input.key] ?? null;
}

export function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** The neighbour of the current conversation in the list, for j/k. */
export function neighbour(ids: readonly string[], current: string | null, step: 1 | -1): string | null {
  if (ids.length === 0) return null;
  const at = current ? ids.indexOf(current) : -1;
  if (at < 0) return ids[0] ?? null;
  return ids[Math.min(ids.length - 1, Math.max(0, at + step))] ?? null;
}
