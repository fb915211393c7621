import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client.js';
import { navigate } from '../app/router.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { isMessageKey } from '../i18n/translate.js';
import { channelLabelKey } from '../inbox/channels.js';

interface Gap {
  suggestedTitle: string;
  count: number;
  examples: { conversationId: string; snippet: string }[];
}

interface Unclear {
  id: string;
  title: string;
  language: string;
  conversations: number;
  reopened: number;
  reopenRate: number;
}

interface BotChannelReport {
  channelId: string;
  channelName: string;
  channelType: string;
  conversations: number;
  answeredByBot: number;
  resolvedByBot: number;
  handedOver: number;
  handedOverByReason: Record<string, number>;
  reopenedAfterBot: number;
}

/** What the knowledge base is missing, which articles do not settle things, and what the bot deflects. */
export default function KnowledgeGapsPage() {
  const { t } = useI18n();
  const [weeks, setWeeks] = useState(4);
  const gaps = useQuery({ queryKey: ['kb-gaps', weeks], queryFn: () => api.get<{ items: Gap[] }>(`/api/v1/kb/gaps?weeks=${weeks}`) });
  const unclear = useQuery({ queryKey: ['kb-unclear'], queryFn: () => api.get<{ items: Unclear[] }>('/api/v1/kb/unclear') });
  const report = useQuery({ queryKey: ['kb-bot-report'], queryFn: () => api.get<{ channels: BotChannelReport[] }>('/api/v1/reports/bot') });
  const reason = (r: string) => {
    const key = `kb.reason.${r}`;
    return isMessageKey(key) ? t(key) : r;
  };

  return (
    <main id="main" className="page kb-gaps">
      <h1>{t('kb.gaps.title')}</h1>
      <section aria-labelledby="gaps-title" data-testid="kb-gaps">
        <h2 id="gaps-title">{t('kb.gaps.missing')}</h2>
        <label className="field compact">
          <span>{t('kb.gaps.weeks')}</span>
          <select value={weeks} onChange={(e) => setWeeks(Number(e.target.value))}>
            {[1, 2, 4, 8, 12].map((w) => <option key={w} value={w}>{w}</option>)}
          </select>
        </label>
        {(gaps.data?.items ?? []).length === 0 && <p className="muted">{t('kb.gaps.none')}</p>}
        <ol>
          {(gaps.data?.items ?? []).map((g) => (
            <li key={g.examples[0]?.conversationId ?? g.suggestedTitle}>
              <strong>{g.suggestedTitle}</strong> <span className="pill">{t('kb.gaps.count', { n: g.count })}</span>
              <ul>
                {g.examples.map((e) => (
                  <li key={e.conversationId}>
                    <a href={`/c/${e.conversationId}`} onClick={(ev) => { ev.preventDefault(); navigate(`/c/${e.conversationId}`); }}>{e.snippet}</a>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="unclear-title" data-testid="kb-unclear">
        <h2 id="unclear-title">{t('kb.unclear.title')}</h2>
        {(unclear.data?.items ?? []).length === 0 && <p className="muted">{t('kb.unclear.none')}</p>}
        <ul>
          {(unclear.data?.items ?? []).map((a) => (
            <li key={a.id}>{a.title} <span className="muted">({a.language})</span> — {t('kb.unclear.rate', { percent: Math.round(a.reopenRate * 100), reopened: a.reopened, n: a.conversations })}</li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="bot-report-title" data-testid="kb-bot-report">
        <h2 id="bot-report-title">{t('kb.report.title')}</h2>
        {(report.data?.channels ?? []).length === 0 && <p className="muted">{t('kb.report.none')}</p>}
        {(report.data?.channels ?? []).length > 0 && (
          <table className="plain">
            <thead>
              <tr><th>{t('kb.bot.channel')}</th><th>{t('kb.report.conversations')}</th><th>{t('kb.report.answered')}</th><th>{t('kb.report.resolved')}</th><th>{t('kb.report.handedOver')}</th><th>{t('kb.report.reopened')}</th></tr>
            </thead>
            <tbody>
              {(report.data?.channels ?? []).map((c) => (
                <tr key={c.channelId}>
                  <td>{c.channelName} <span className="muted">{t(channelLabelKey(c.channelType))}</span></td>
                  <td>{c.conversations}</td>
                  <td>{c.answeredByBot}</td>
                  <td>{c.resolvedByBot}</td>
                  <td>{c.handedOver} <span className="muted">{Object.entries(c.handedOverByReason).map(([r, n]) => `${reason(r)}: ${n}`).join(', ')}</span></td>
                  <td>{c.reopenedAfterBot}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </main>
  );
}
