import { useI18n } from '../i18n/I18nProvider.js';

export function Stars({ rating }: { rating: number }) {
  const { t } = useI18n();
  return (
    <span className="review-stars" role="img" aria-label={t('reviews.stars', { n: rating })} data-rating={rating}>
      {'★'.repeat(rating)}
      <span className="off">{'★'.repeat(5 - rating)}</span>
    </span>
  );
}
