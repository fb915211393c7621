import type { MessageDto } from '../api/types.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { formatDateTime, formatDuration } from '../i18n/format.js';

/** What a message was beyond its text: a call, a letter or fax, a callback request. */
export function MessageMetaLine({ meta }: { meta: MessageDto['meta'] }) {
  const { t, locale } = useI18n();
  const parts: string[] = [];
  if (meta.call) {
    parts.push(`📞 ${t(meta.call.direction === 'inbound' ? 'phone.callIn' : 'phone.callOut')} · ${formatDuration(locale, meta.call.durationSeconds * 1000)}`);
    if (meta.call.outcome) parts.push(t(meta.call.outcome === 'reached' ? 'phone.reached' : 'phone.notReached'));
  }
  if (meta.letter) parts.push(`✉ ${t(meta.letter.kind === 'fax' ? 'phone.fax' : 'phone.letter')}`);
  if (meta.callback) parts.push(`☎ ${t('phone.callbackRequested', { phone: meta.callback.phone, due: formatDateTime(locale, meta.callback.dueAt) })}`);
  if (parts.length === 0) return null;
  return <div className="message-meta muted small" data-testid="message-meta">{parts.join(' · ')}</div>;
}
