/**
 * Canned responses live in this browser's localStorage for now: the server has no endpoint for
 * shared canned responses yet. Replace this module with API calls once it has.
 */
export interface CannedResponse {
  id: string;
  title: string;
  body: string;
}

const KEY = 'parley.canned';

const defaults: CannedResponse[] = [
  { id: 'thanks', title: 'Danke / Thanks', body: 'Hallo {{contact.firstName}},\n\nvielen Dank für Ihre Nachricht. \n\nViele Grüße\n{{agent.name}}' },
  { id: 'order', title: 'Bestellnummer / Order number', body: 'Hallo {{contact.firstName}}, damit ich Ihnen schnell helfen kann: Wie lautet Ihre Bestellnummer? Viele Grüße, {{agent.name}}' },
];

function isCanned(v: unknown): v is CannedResponse {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return typeof r.id === 'string' && typeof r.title === 'string' && typeof r.body === 'string';
}

export function loadCanned(storage: Pick<Storage, 'getItem'> = localStorage): CannedResponse[] {
  const raw = storage.getItem(KEY);
  if (raw === null) return defaults;
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter(isCanned) : defaults;
  } catch {
    return defaults;
  }
}

export function saveCanned(list: CannedResponse[], storage: Pick<Storage, 'setItem'> = localStorage): void {
  storage.setItem(KEY, JSON.stringify(list));
}
