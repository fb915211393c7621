import { memo, useMemo } from 'react';
import type { MessageDto } from '../api/types.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { formatDateTime } from '../i18n/format.js';
import { sanitizeHtml } from '../safety/sanitize.js';
import { MessageMetaLine } from './MessageMetaLine.js';
import { Understanding } from './Understanding.js';

interface Props {
  message: MessageDto;
  authorName: string;
}

function DeliveryStatus({ message }: { message: MessageDto }) {
  const { t } = useI18n();
  if (!message.deliveryStatus) return null;
  const text = message.deliveryStatus === 'failed' ? t('conv.delivery.failed', { reason: message.deliveryError ?? '?' }) : t(`conv.delivery.${message.deliveryStatus}`);
  return (
    <span data-testid="delivery-status" data-status={message.deliveryStatus} className={`delivery ${message.deliveryStatus}`} role="status">
      {text}
    </span>
  );
}

export const MessageItem = memo(function MessageItem({ message: m, authorName }: Props) {
  const { t, locale } = useI18n();
  // Only HTML goes through the sanitiser into the DOM; plain text is always rendered as text.
  const html = useMemo(() => (m.html ? sanitizeHtml(m.html) : null), [m.html]);
  const kind = m.direction === 'inbound' ? 'conv.inbound' : m.direction === 'outbound' ? 'conv.outbound' : 'conv.note';
  return (
    <article data-testid="conversation-message" data-direction={m.direction} className={`message ${m.direction} ${m.visibility}`} aria-label={`${t(kind)}: ${authorName}`}>
      <header className="message-head">
        <span className="message-author">{authorName}</span>
        <span className="message-kind">{t(kind)}</span>
        {m.direction !== 'note' && <span className={`pill visibility ${m.visibility}`}>{m.visibility === 'public' ? t('conv.public') : t('conv.private')}</span>}
        <time dateTime={m.createdAt}>{formatDateTime(locale, m.createdAt)}</time>
      </header>
      <MessageMetaLine meta={m.meta} />
      {html !== null ? <div className="message-body html" dangerouslySetInnerHTML={{ __html: html }} /> : <div className="message-body text">{m.text}</div>}
      {m.attachments.length > 0 && (
        <ul className="attachments">
          {m.attachments.map((a, i) => <li key={i}>📎 {a.url ? <a href={a.url} download={a.filename}>{a.filename}</a> : a.filename}</li>)}
        </ul>
      )}
      {m.direction === 'outbound' && <footer className="message-foot"><DeliveryStatus message={m} /></footer>}
      {m.direction === 'inbound' && m.sentiment && <footer className="message-foot"><Understanding message={m} /></footer>}
    </article>
  );
});
