import type { MessageKey } from '../i18n/en.js';

export const CHANNEL_TYPES = ['email', 'whatsapp', 'facebook', 'x', 'telegram', 'trustpilot', 'webchat', 'phone', 'letter', 'instagram', 'mastodon', 'rss', 'google_reviews', 'review_import', 'api'] as const;

const icons: Record<string, { glyph: string; color: string }> = {
  email: { glyph: '✉', color: '#2563eb' },
  whatsapp: { glyph: '✆', color: '#15803d' },
  facebook: { glyph: 'f', color: '#1d4ed8' },
  x: { glyph: '𝕏', color: '#111827' },
  telegram: { glyph: '➤', color: '#0284c7' },
  trustpilot: { glyph: '★', color: '#047857' },
  webchat: { glyph: '❝', color: '#7c3aed' },
  phone: { glyph: '☎', color: '#b45309' },
  letter: { glyph: '✉', color: '#92400e' },
  instagram: { glyph: '◎', color: '#c026d3' },
  mastodon: { glyph: '🐘', color: '#6d28d9' },
  rss: { glyph: '◉', color: '#ea580c' },
  google_reviews: { glyph: 'G', color: '#2563eb' },
  review_import: { glyph: '⇪', color: '#0f766e' },
  api: { glyph: '⚙', color: '#475569' },
};

export function channelLabelKey(type: string): MessageKey {
  return (CHANNEL_TYPES as readonly string[]).includes(type) ? (`channel.${type}` as MessageKey) : 'channel.other';
}

export function ChannelIcon({ type, label }: { type: string; label: string }) {
  const icon = icons[type] ?? { glyph: '•', color: '#64748b' };
  return (
    <span className="channel-icon" style={{ background: icon.color }} role="img" aria-label={label} title={label}>
      {icon.glyph}
    </span>
  );
}
