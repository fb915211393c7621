import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import { sendWorkspaceMail } from '../channels/email/workspace-mail.js';
import { failureFromResponse } from '../channels/http-failure.js';
import { webhookHeaders } from '../channels/standard-webhooks.js';
import { heardBy, seriesOfAlert, seriesQueryIds } from '../db/listening-series.js';
import type { Database, Db } from '../db/schema.js';
import { topTerms } from '../listening/top-terms.js';
import { postOutbound } from '../security/outbound-http.js';
import type { SecretBox } from '../security/secret-box.js';

export const AlertNotifications = z
  .object({
    emails: z.array(z.email().max(320)).max(20).default([]),
    webhookUrl: z.url({ protocol: /^https?$/ }).max(2048).optional(),
  })
  .strict();

/** A notice that keeps failing is given up after this many rounds; the alert stays in the app. */
const MAX_ATTEMPTS = 5;
const TOP_POSTS = 5;
const TOP_TERMS = 8;

export interface AlertSummary {
  alertId: string;
  /** The query's name, or the brand's for a brand-wide alert. */
  query: string;
  brand: string | null;
  kind: 'volume' | 'negative';
  severity: string;
  bucketStart: string;
  observed: number;
  expected: number;
  /** Negative share of the series' mentions in the alert's five minutes, and over the day before. */
  negativeShare: { now: number; before: number };
  topPosts: { author: string | null; text: string; url: string | null; reach: number | null; sentiment: string | null }[];
  topTerms: { term: string; count: number }[];
}

/** What caused an alert: its top posts, the terms they share, and how the mood shifted. */
export async function summariseAlert(db: Db, alert: { id: string; workspaceId: string; queryId: string | null; brand: string | null; kind: 'volume' | 'negative'; severity: string; bucketStart: Date; observed: number; expected: number; topMentionIds: string[] }, queryName: string): Promise<AlertSummary> {
  const queryIds = await seriesQueryIds(db, alert.workspaceId, seriesOfAlert(alert));
  const bucketEnd = new Date(alert.bucketStart.getTime() + 5 * 60_000);
  const inBucket = db
    .selectFrom('mentions')
    .select(['author', 'text', 'url', 'reach', 'sentiment'])
    .where('workspaceId', '=', alert.workspaceId)
    .where(heardBy(queryIds))
    .where('postedAt', '>=', alert.bucketStart)
    .where('postedAt', '<', bucketEnd);
  const posts = await inBucket.orderBy(sql`reach DESC NULLS LAST`).limit(200).execute();
  const share = async (from: Date, to: Date) => {
    const row = await sql<{ total: number; negative: number }>`
      SELECT count(*)::int AS total, count(*) FILTER (WHERE sentiment = 'negative')::int AS negative
      FROM mentions WHERE workspace_id = ${alert.workspaceId} AND ${heardBy(queryIds)} AND posted_at >= ${from} AND posted_at < ${to}`.execute(db);
    const r = row.rows[0];
    return r && r.total > 0 ? Math.round((r.negative / r.total) * 100) / 100 : 0;
  };
  return {
    alertId: alert.id,
    query: queryName,
    brand: alert.brand,
    kind: alert.kind,
    severity: alert.severity,
    bucketStart: alert.bucketStart.toISOString(),
    observed: alert.observed,
    expected: alert.expected,
    negativeShare: { now: await share(alert.bucketStart, bucketEnd), before: await share(new Date(alert.bucketStart.getTime() - 24 * 3_600_000), alert.bucketStart) },
    topPosts: posts.slice(0, TOP_POSTS),
    topTerms: topTerms(posts.map((p) => p.text), TOP_TERMS),
  };
}

function mailText(s: AlertSummary, locale: string): { subject: string; text: string } {
  const de = locale !== 'en';
  const pct = (x: number) => `${Math.round(x * 100)} %`;
  const about = s.brand !== null ? (de ? `die Marke „${s.brand}“` : `the brand "${s.brand}"`) : de ? `„${s.query}“` : `"${s.query}"`;
  const head = de
    ? `Frühwarnung (${s.severity}) für ${about}: ${s.kind === 'volume' ? `${s.observed} Erwähnungen in fünf Minuten, üblich sind ${s.expected}` : `negativer Anteil ${pct(s.negativeShare.now)}, vorher ${pct(s.negativeShare.before)}`}.`
    : `Early warning (${s.severity}) for ${about}: ${s.kind === 'volume' ? `${s.observed} mentions in five minutes, usually ${s.expected}` : `negative share ${pct(s.negativeShare.now)}, before ${pct(s.negativeShare.before)}`}.`;
  const terms = s.topTerms.map((t) => `${t.term} (${t.count})`).join(', ');
  const posts = s.topPosts.map((p) => `- ${p.author ?? '?'}${p.reach ? ` (${p.reach})` : ''}: ${p.text}${p.url ? ` ${p.url}` : ''}`).join('\n');
  const text = [head, '', de ? `Häufigste Begriffe: ${terms}` : `Top terms: ${terms}`, '', de ? 'Wichtigste Beiträge:' : 'Top posts:', posts, '', de ? 'Bestätigen und erledigen Sie die Warnung in Parley unter Monitoring.' : 'Acknowledge and resolve the warning in Parley under Listening.'].join('\n');
  return { subject: de ? `Parley-Frühwarnung: ${s.query}` : `Parley early warning: ${s.query}`, text };
}

/**
 * Tells the team about new early warnings beyond the app: a signed webhook (Standard Webhooks,
 * `listening.alert`) and an e-mail to the configured addresses. Each alert once; a notice that
 * fails is tried again on the next round, up to five times.
 */
export async function notifyListeningAlerts(db: Kysely<Database>, box: SecretBox, options: { allowPrivateNetworks: boolean; onError?: (err: unknown) => void }): Promise<number> {
  const pending = await db
    .selectFrom('listeningAlerts as a')
    .leftJoin('listeningQueries as q', 'q.id', 'a.queryId')
    .innerJoin('workspaces as w', 'w.id', 'a.workspaceId')
    .select(['a.id', 'a.workspaceId', 'a.queryId', 'a.kind', 'a.severity', 'a.bucketStart', 'a.observed', 'a.expected', 'a.topMentionIds', 'a.brand', sql<string>`coalesce(q.name, a.brand)`.as('queryName'), 'w.alertNotifications', 'w.alertWebhookSecret', 'w.locale'])
    .where('a.notifiedAt', 'is', null)
    .where('a.notifyAttempts', '<', MAX_ATTEMPTS)
    .orderBy('a.createdAt')
    .limit(20)
    .execute();
  let sent = 0;
  for (const alert of pending) {
    // Claimed before sending, so two workers never send one alert twice; a failure gives it back.
    const claimed = await db.updateTable('listeningAlerts').set({ notifiedAt: sql<Date>`now()` }).where('id', '=', alert.id).where('notifiedAt', 'is', null).executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) continue;
    const config = AlertNotifications.parse(alert.alertNotifications);
    if (!config.webhookUrl && config.emails.length === 0) continue;
    try {
      const summary = await summariseAlert(db, alert, alert.queryName);
      if (config.webhookUrl && alert.alertWebhookSecret) {
        const body = JSON.stringify({ type: 'listening.alert', timestamp: new Date().toISOString(), data: summary });
        const secret = box.open(alert.alertWebhookSecret).webhookSecret ?? '';
        const res = await postOutbound(config.webhookUrl, { 'content-type': 'application/json', 'user-agent': 'Parley-Webhooks/1', ...webhookHeaders(secret, `alert_${alert.id}`, body) }, body, { allowPrivateNetworks: options.allowPrivateNetworks });
        if (res.status < 200 || res.status >= 300) throw failureFromResponse(res.status, null, res.text.slice(0, 200));
      }
      if (config.emails.length > 0) await sendWorkspaceMail(db, box, alert.workspaceId, { to: config.emails, ...mailText(summary, alert.locale) }, options.allowPrivateNetworks);
      sent++;
    } catch (err) {
      options.onError?.(err);
      await db.updateTable('listeningAlerts').set({ notifiedAt: null, notifyAttempts: sql<number>`notify_attempts + 1` }).where('id', '=', alert.id).execute();
    }
  }
  return sent;
}
