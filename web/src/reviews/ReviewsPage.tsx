import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, query } from '../api/client.js';
import { navigate } from '../app/router.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { formatAge } from '../i18n/format.js';
import { ReviewDetail } from './ReviewDetail.js';
import { ReviewReport } from './ReviewReport.js';
import { Stars } from './Stars.js';
import { statusKey } from './status.js';
import { type ResponseStatus, type ReviewDto } from './types.js';
import './reviews.css';

const STATUSES: ResponseStatus[] = ['unanswered', 'draft', 'awaiting_approval', 'approved', 'rejected', 'published'];

interface Filters {
  portal: string;
  rating: string;
  responseStatus: string;
  overdue: string;
  ownerDepartment: string;
  language: string;
}

const RATINGS: Record<string, { minRating?: number; maxRating?: number }> = { '': {}, low: { maxRating: 2 }, mid: { minRating: 3, maxRating: 3 }, high: { minRating: 4 } };

export default function ReviewsPage({ conversationId }: { conversationId: string | null }) {
  const { t, locale } = useI18n();
  const [filters, setFilters] = useState<Filters>({ portal: '', rating: '', responseStatus: '', overdue: '', ownerDepartment: '', language: '' });
  const set = (key: keyof Filters) => (e: { target: { value: string } }) => setFilters({ ...filters, [key]: e.target.value });
  const reviews = useQuery({
    queryKey: ['reviews', filters],
    queryFn: () =>
      api.get<{ items: ReviewDto[] }>(
        `/api/v1/reviews${query({ portal: filters.portal, ...RATINGS[filters.rating], responseStatus: filters.responseStatus, overdue: filters.overdue, ownerDepartment: filters.ownerDepartment, language: filters.language, limit: 100 })}`,
      ),
  });
  const report = conversationId === 'report';

  return (
    <div className="reviews-layout">
      <section className="reviews-list" aria-labelledby="reviews-title">
        <header className="reviews-head">
          <h2 id="reviews-title">{t('reviews.title')}</h2>
          <a href="/reviews/report" data-testid="reviews-report-link" onClick={(e) => { e.preventDefault(); navigate('/reviews/report'); }}>{t('reviews.report')}</a>
        </header>
        <div className="reviews-filters" role="group" aria-label={t('reviews.filters')}>
          <select aria-label={t('reviews.portal')} value={filters.portal} onChange={set('portal')}>
            <option value="">{t('reviews.allPortals')}</option>
            <option value="trustpilot">Trustpilot</option>
            <option value="google_reviews">Google</option>
            <option value="review_import">{t('reviews.imported')}</option>
          </select>
          <select aria-label={t('reviews.rating')} value={filters.rating} onChange={set('rating')}>
            <option value="">{t('reviews.allRatings')}</option>
            <option value="low">★–★★</option>
            <option value="mid">★★★</option>
            <option value="high">★★★★–★★★★★</option>
          </select>
          <select aria-label={t('reviews.responseStatus')} data-testid="reviews-filter-status" value={filters.responseStatus} onChange={set('responseStatus')}>
            <option value="">{t('reviews.allStatuses')}</option>
            {STATUSES.map((s) => <option key={s} value={s}>{t(statusKey(s))}</option>)}
          </select>
          <select aria-label={t('reviews.overdue')} value={filters.overdue} onChange={set('overdue')}>
            <option value="">{t('reviews.anyDue')}</option>
            <option value="true">{t('reviews.overdue')}</option>
          </select>
          <input aria-label={t('reviews.owner')} placeholder={t('reviews.owner')} value={filters.ownerDepartment} onChange={set('ownerDepartment')} />
          <select aria-label={t('reviews.language')} value={filters.language} onChange={set('language')}>
            <option value="">{t('reviews.allLanguages')}</option>
            <option value="de">Deutsch</option>
            <option value="en">English</option>
          </select>
        </div>
        {reviews.data?.items.length === 0 && <p className="muted">{t('reviews.none')}</p>}
        <ul className="plain">
          {(reviews.data?.items ?? []).map((r) => (
            <li key={r.conversationId}>
              <a
                href={`/reviews/${r.conversationId}`}
                data-testid="review-row"
                className={r.conversationId === conversationId ? 'review-row active' : 'review-row'}
                onClick={(e) => { e.preventDefault(); navigate(`/reviews/${r.conversationId}`); }}
              >
                <span className="review-row-head">
                  <Stars rating={r.rating} />
                  <strong>{r.author ?? t('reviews.anonymous')}</strong>
                  <span className="pill">{r.portal}</span>
                  <span className={`pill review-status ${r.responseStatus}`} data-testid="review-status">{t(statusKey(r.responseStatus))}</span>
                  {r.overdue && <span className="pill urgent" data-testid="review-overdue">{t('reviews.overdue')}</span>}
                </span>
                <span className="review-text">{r.text}</span>
                <span className="muted small">
                  {formatAge(locale, r.postedAt)}
                  {r.ownerDepartment && ` · ${t('reviews.ownedBy', { department: r.ownerDepartment })}`}
                  {r.product && ` · ${r.product}`}
                  {r.location && ` · ${r.location}`}
                </span>
              </a>
            </li>
          ))}
        </ul>
      </section>
      <main id="main" className="reviews-main">
        {report ? <ReviewReport /> : conversationId ? <ReviewDetail conversationId={conversationId} /> : <p className="placeholder">{t('reviews.pick')}</p>}
      </main>
    </div>
  );
}
