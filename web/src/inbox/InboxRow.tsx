import { memo } from 'react';
import type { ConversationDto } from '../api/types.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { formatAge } from '../i18n/format.js';
import { ChannelIcon, channelLabelKey } from './channels.js';
import { slaView } from './sla-state.js';

interface Props {
  conversation: ConversationDto;
  selected: boolean;
  now: number;
  assigneeName: string | null;
  onOpen(id: string): void;
}

export const InboxRow = memo(function InboxRow({ conversation: c, selected, now, assigneeName, onOpen }: Props) {
  const { t, locale } = useI18n();
  const channel = t(channelLabelKey(c.channelType));
  const sla = slaView(c, now);
  return (
    <button
      type="button"
      data-testid="inbox-row"
      data-id={c.id}
      className={`inbox-row${selected ? ' selected' : ''} status-${c.status}`}
      aria-current={selected ? 'true' : undefined}
      onClick={() => onOpen(c.id)}
    >
      <ChannelIcon type={c.channelType} label={channel} />
      <span className="row-main">
        <span className="row-top">
          <span className="row-contact">{c.contactName ?? t('inbox.unknownContact')}</span>
          <time className="row-age" dateTime={c.lastMessageAt}>{formatAge(locale, c.lastMessageAt, now)}</time>
        </span>
        <span className="row-preview">{c.subject ? <strong>{c.subject} · </strong> : null}{c.preview}</span>
        <span className="row-meta">
          <span className={`pill status ${c.status}`}>{t(`status.${c.status}`)}</span>
          <span className="pill tier">{t('tier.label', { tier: c.tier })}</span>
          {c.priority !== 'normal' && <span className={`pill priority ${c.priority}`}>{t(`priority.${c.priority}`)}</span>}
          {sla && (
            <span className={`pill sla ${sla.state}`} data-testid="row-sla" data-state={sla.state}>
              {sla.state === 'breached' ? t('sla.breached') : t('sla.due', { when: formatAge(locale, sla.dueAt, now) })}
            </span>
          )}
          {c.urgent && <span className="pill urgent" data-testid="row-urgent">{t('urgent.flag')}</span>}
          {c.sentiment && c.sentiment !== 'neutral' && (
            <span className={`pill sentiment ${c.sentiment}`} data-testid="row-sentiment" title={t('sentiment.label', { mood: t(`sentiment.${c.sentiment}`) })}>
              {t(`sentiment.${c.sentiment}`)}
            </span>
          )}
          <span className="row-assignee">{assigneeName ?? t('inbox.unassigned')}</span>
          {c.labels.map((l) => (
            <span key={l} className="pill label">{l}</span>
          ))}
        </span>
      </span>
    </button>
  );
});
