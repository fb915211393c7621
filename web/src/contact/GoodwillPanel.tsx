import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api/client.js';
import type { GoodwillRecommendation, GoodwillType, GrantDto, LifetimeValue, Page } from '../api/types.js';
import { useReadySession } from '../auth/SessionProvider.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { formatDateTime, formatMoney } from '../i18n/format.js';

const TYPES: GoodwillType[] = ['voucher', 'refund', 'gift', 'free_shipping'];

type Details = { reason?: string; limit?: number; remaining?: number; cap?: number; department?: string; currency?: string };

/** The customer's value, Parley's goodwill recommendation with its reasons, and granting within the limits. */
export function GoodwillPanel({ conversationId, contactId, lifetimeValue }: { conversationId: string; contactId: string; lifetimeValue: LifetimeValue }) {
  const { t, locale } = useI18n();
  const { role } = useReadySession();
  const client = useQueryClient();
  const recommendation = useQuery({ queryKey: ['goodwill', conversationId], queryFn: () => api.get<GoodwillRecommendation>(`/api/v1/conversations/${conversationId}/goodwill`) });
  const grants = useQuery({ queryKey: ['contact-goodwill', contactId], queryFn: () => api.get<Page<GrantDto>>(`/api/v1/contacts/${contactId}/goodwill`) });
  const r = recommendation.data;
  const [type, setType] = useState<GoodwillType>('voucher');
  const [amount, setAmount] = useState('');
  const [department, setDepartment] = useState('service');
  const [reason, setReason] = useState('');
  const [status, setStatus] = useState<string | null>(null);

  useEffect(() => {
    if (!r) return;
    setType(r.type);
    setAmount(String(r.amount));
  }, [r]);

  const money = (n: number, currency = r?.currency ?? lifetimeValue.currency) => formatMoney(locale, n, currency);

  function explain(err: unknown): string {
    if (!(err instanceof ApiError)) return t('common.error', { message: String(err) });
    const d = (err.details ?? {}) as Details;
    if (d.reason === 'approval_limit_exceeded' && d.limit !== undefined) return t('goodwill.approvalLimit', { amount: money(d.limit, d.currency) });
    if (d.reason === 'budget_exceeded' && d.remaining !== undefined) return t('goodwill.budgetExceeded', { department: d.department ?? department, amount: money(d.remaining, d.currency) });
    if (d.reason === 'type_cap_exceeded' && d.cap !== undefined) return t('goodwill.typeCap', { amount: money(d.cap, d.currency) });
    return t('common.error', { message: err.message });
  }

  async function grant(e: FormEvent) {
    e.preventDefault();
    if (!r) return;
    try {
      const granted = await api.post<GrantDto>(`/api/v1/conversations/${conversationId}/goodwill`, { type, amount: amount.replace(',', '.'), currency: r.currency, department, reason });
      setStatus(granted.voucherCode ? `${t('goodwill.granted')} ${t('goodwill.voucherCode', { code: granted.voucherCode })}` : t('goodwill.granted'));
      setReason('');
      await client.invalidateQueries({ queryKey: ['contact-goodwill', contactId] });
      await client.invalidateQueries({ queryKey: ['history', conversationId] });
    } catch (err) {
      setStatus(explain(err));
    }
  }

  return (
    <section className="goodwill" data-testid="goodwill-panel" aria-label={t('goodwill.title')}>
      <h3>{t('goodwill.value')}</h3>
      <dl className="facts">
        <dt>{t('goodwill.historic')}</dt>
        <dd>{money(lifetimeValue.historic, lifetimeValue.currency)} · {t('goodwill.orders', { n: lifetimeValue.orders })}</dd>
        <dt>{t('goodwill.predicted')}</dt>
        <dd>{money(lifetimeValue.predicted, lifetimeValue.currency)}</dd>
      </dl>
      <h3>{t('goodwill.title')}</h3>
      {r && (
        <>
          <p data-testid="goodwill-recommendation"><strong>{t('goodwill.recommended', { type: t(`goodwill.type.${r.type}`), amount: money(r.amount) })}</strong></p>
          <details>
            <summary>{t('goodwill.why')}</summary>
            <ul className="reasons">{r.reasons.map((x) => <li key={x.code}>{x[locale]}</li>)}</ul>
          </details>
        </>
      )}
      {r && role !== 'viewer' && (
        <details className="merge">
          <summary>{t('goodwill.grant')}</summary>
          <form onSubmit={grant}>
            <label className="field compact">
              <span>{t('goodwill.kind')}</span>
              <select value={type} onChange={(e) => setType(TYPES.find((x) => x === e.target.value) ?? 'voucher')}>
                {TYPES.map((x) => <option key={x} value={x}>{t(`goodwill.type.${x}`)}</option>)}
              </select>
            </label>
            <label className="field compact">
              <span>{t('goodwill.amount', { currency: r.currency })}</span>
              <input inputMode="decimal" required value={amount} onChange={(e) => setAmount(e.target.value)} />
            </label>
            <label className="field compact">
              <span>{t('goodwill.department')}</span>
              <input required value={department} onChange={(e) => setDepartment(e.target.value)} />
            </label>
            <label className="field compact">
              <span>{t('goodwill.reason')}</span>
              <textarea required rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
            </label>
            <button type="submit">{t('goodwill.submit')}</button>
          </form>
        </details>
      )}
      {status && <p role="status">{status}</p>}
      <h3>{t('goodwill.history')}</h3>
      {(grants.data?.items.length ?? 0) === 0 ? (
        <p className="muted small">{t('goodwill.none')}</p>
      ) : (
        <ul className="plain">
          {grants.data?.items.map((g) => (
            <li key={g.id} className="small">
              {t(`goodwill.type.${g.type}`)} · {money(g.amount, g.currency)} · {g.department}{g.voucherCode && <> · <code>{g.voucherCode}</code></>}
              {g.redemption && <> · <span data-testid="voucher-redeemed">{t('outcome.redeemedOn', { date: formatDateTime(locale, g.redemption.at), amount: money(g.redemption.amount, g.currency) })}</span></>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
