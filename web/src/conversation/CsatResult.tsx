import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.js';
import type { ConversationSurveyDto, Page } from '../api/types.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { formatDateTime } from '../i18n/format.js';
import { ratingLabel } from '../reports/rating.js';

/** What the customer said in the satisfaction survey of this conversation's latest resolution. */
export function CsatResult({ conversationId }: { conversationId: string }) {
  const { t, locale } = useI18n();
  const { data } = useQuery({ queryKey: ['csat', conversationId], queryFn: () => api.get<Page<ConversationSurveyDto>>(`/api/v1/conversations/${conversationId}/csat`) });
  const survey = data?.items[0];
  if (!survey) return null;
  let text: string;
  if (survey.rating !== null && survey.answeredAt) text = t('csat.rated', { rating: ratingLabel(survey.rating, survey.scale), date: formatDateTime(locale, survey.answeredAt) });
  else if (survey.status === 'sent') text = t('csat.waiting', { date: formatDateTime(locale, survey.sentAt ?? survey.resolvedAt) });
  else if (survey.status === 'skipped') text = t('csat.skipped');
  else if (survey.status === 'failed') text = t('csat.failed');
  else text = t('csat.sending');
  return (
    <section className="csat-result" data-testid="csat-result" aria-label={t('csat.title')}>
      <strong>{t('csat.title')}:</strong> {text}
      {survey.comment && <q data-testid="csat-comment">{survey.comment}</q>}
    </section>
  );
}
