/** "chat: 3, email: 10" as the capacity per channel type the API takes; null when a part is not "type: number". */
export function parseCapacity(text: string): Record<string, number> | null {
  const out: Record<string, number> = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([^:]+):\s*(\d{1,3})$/.exec(part);
    if (!m?.[1] || !m[2]) return null;
    out[m[1].trim()] = Number(m[2]);
  }
  return out;
}

export function formatCapacity(capacity: Record<string, number>): string {
  return Object.entries(capacity).map(([type, n]) => `${type}: ${n}`).join(', ');
}

export const skillList = (text: string): string[] => [...new Set(text.split(',').map((s) => s.trim()).filter(Boolean))];
