import { sql, type Kysely } from 'kysely';
import { outgoingMailbox, sendWorkspaceMail } from '../channels/email/workspace-mail.js';
import { SYSTEM } from '../db/history.js';
import type { Database, Db } from '../db/schema.js';
import { isAppError } from '../domain/errors.js';
import { storeOutgoing } from '../pipeline/send-message.js';
import type { SecretBox } from '../security/secret-box.js';
import { hashToken, newSecret } from '../security/tokens.js';
import { surveyLanguage, surveyMail, surveyMessage } from './texts.js';

/** A survey link works this long after it was sent. */
export const SURVEY_TTL_MS = 14 * 24 * 3_600_000;
/** Resolutions older than this are not surveyed any more (a worker that was down does not send a flood). */
const HORIZON = '7 days';
const BATCH = 50;
/** A survey still marked as being mailed after this long was left by a worker that stopped mid-send. */
const STALE_SENDING = '10 minutes';

interface Candidate {
  id: string;
  workspaceId: string;
  channelId: string;
  contactId: string;
  assigneeId: string | null;
  teamId: string | null;
  resolvedAt: Date;
  subject: string | null;
  language: string | null;
  category: string | null;
  visibility: 'public' | 'private';
  mode: 'channel' | 'email';
  scale: 'numeric' | 'emoji';
  cooldownDays: number;
  locale: string;
  company: string;
  email: string | null;
}

type Claim = { surveyId: string; token: string } | { skipped: string } | null;

export interface SurveyOptions {
  /** Where the public survey page is reached, e.g. `https://care.example.com`. */
  baseUrl: string;
  allowPrivateNetworks: boolean;
}

/**
 * Sends the satisfaction survey for conversations resolved at least the channel's delay ago, once
 * per resolution: in the channel as a reply carrying the link (the delivery worker sends it), or
 * by e-mail. Conversations that must not be asked are recorded as skipped with the reason, so they
 * are looked at once. Returns how many surveys went out.
 */
export async function sendDueSurveys(db: Kysely<Database>, box: SecretBox, options: SurveyOptions): Promise<number> {
  // Given back to be claimed again: the customer may get the mail twice rather than never.
  await db.deleteFrom('csatSurveys').where('status', '=', 'sending').where(sql<boolean>`created_at < now() - ${STALE_SENDING}::interval`).execute();
  const due = await db
    .selectFrom('conversations as c')
    .innerJoin('csatSettings as s', 's.channelId', 'c.channelId')
    .innerJoin('channels as ch', 'ch.id', 'c.channelId')
    .innerJoin('workspaces as w', 'w.id', 'c.workspaceId')
    .innerJoin('contacts as p', 'p.id', 'c.contactId')
    .select([
      'c.id', 'c.workspaceId', 'c.channelId', 'c.contactId', 'c.assigneeId', 'c.teamId', 'c.subject', 'c.language', 'c.category', 'c.visibility',
      'w.locale', 'w.name as company', 'p.email', 's.scale', 's.cooldownDays',
      sql<Date>`c.resolved_at`.as('resolvedAt'),
      sql<'channel' | 'email'>`s.mode`.as('mode'),
    ])
    .where('c.status', '=', 'resolved')
    .where('s.mode', '<>', 'off')
    .where('ch.disabledAt', 'is', null)
    .where(sql<boolean>`c.resolved_at >= s.enabled_at`)
    .where(sql<boolean>`c.resolved_at <= now() - make_interval(mins => s.delay_minutes)`)
    .where(sql<boolean>`c.resolved_at > now() - ${HORIZON}::interval`)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('csatSurveys as v').select('v.id').whereRef('v.conversationId', '=', 'c.id').where(sql<boolean>`v.resolved_at = c.resolved_at`))))
    .orderBy('c.resolvedAt')
    .limit(BATCH)
    .execute();
  let sent = 0;
  for (const candidate of due) {
    if (candidate.mode === 'channel') {
      const posted = await db.transaction().execute((trx) => claimAndPost(trx, candidate, options.baseUrl));
      if (posted && 'surveyId' in posted) sent++;
      continue;
    }
    const claimed = await db.transaction().execute((trx) => claim(trx, candidate, 'sending'));
    if (!claimed || !('surveyId' in claimed)) continue;
    const language = surveyLanguage(candidate.language, candidate.locale);
    const mail = surveyMail(language, candidate.scale, surveyLink(options.baseUrl, claimed.token), candidate.subject, candidate.company);
    try {
      await sendWorkspaceMail(db, box, candidate.workspaceId, { to: [candidate.email ?? ''], ...mail }, options.allowPrivateNetworks);
      await db.updateTable('csatSurveys').set({ status: 'sent', sentAt: sql<Date>`now()`, expiresAt: new Date(Date.now() + SURVEY_TTL_MS) }).where('id', '=', claimed.surveyId).execute();
      sent++;
    } catch (err) {
      // A mail server that is down or busy gets the survey on a later round; anything else is final.
      if (isAppError(err) && (err.code === 'unavailable' || err.code === 'rate_limited')) await db.deleteFrom('csatSurveys').where('id', '=', claimed.surveyId).execute();
      else await db.updateTable('csatSurveys').set({ status: 'failed', skipReason: err instanceof Error ? err.message.slice(0, 500) : String(err) }).where('id', '=', claimed.surveyId).execute();
    }
  }
  return sent;
}

export function surveyLink(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/csat/${token}`;
}

/** Why this conversation's customer must not be asked now, if anything speaks against it. */
async function reasonToSkip(trx: Db, c: Candidate): Promise<string | null> {
  if (c.category === 'other') return 'not_a_customer_case';
  if (c.mode === 'channel' && c.visibility === 'public') return 'public_conversation';
  if (c.cooldownDays > 0) {
    const recent = await trx
      .selectFrom('csatSurveys')
      .select('id')
      .where('workspaceId', '=', c.workspaceId)
      .where('contactId', '=', c.contactId)
      .where('status', '=', 'sent')
      .where(sql<boolean>`sent_at > now() - make_interval(days => ${c.cooldownDays})`)
      .executeTakeFirst();
    if (recent) return 'recently_asked';
  }
  if (c.mode === 'email') {
    if (!c.email) return 'no_address';
    if (!(await outgoingMailbox(trx, c.workspaceId))) return 'no_mailbox';
  }
  return null;
}

/** Records the survey of this resolution (once: the unique key settles two workers), or why it is skipped. */
async function claim(trx: Db, c: Candidate, status: 'sending' | 'sent'): Promise<Claim> {
  const skip = await reasonToSkip(trx, c);
  const token = newSecret('cs');
  const row = await trx
    .insertInto('csatSurveys')
    .values({
      workspaceId: c.workspaceId,
      conversationId: c.id,
      contactId: c.contactId,
      channelId: c.channelId,
      assigneeId: c.assigneeId,
      teamId: c.teamId,
      resolvedAt: c.resolvedAt,
      via: c.mode,
      scale: c.scale,
      language: surveyLanguage(c.language, c.locale),
      status: skip ? 'skipped' : status,
      skipReason: skip,
      tokenHash: skip ? null : hashToken(token),
      ...(status === 'sent' && !skip && { sentAt: sql<Date>`now()`, expiresAt: new Date(Date.now() + SURVEY_TTL_MS) }),
    })
    .onConflict((oc) => oc.columns(['conversationId', 'resolvedAt']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!row) return null;
  return skip ? { skipped: skip } : { surveyId: row.id, token };
}

/** The survey as a reply in the conversation, stored with its claim: both or neither. */
async function claimAndPost(trx: Db, c: Candidate, baseUrl: string): Promise<Claim> {
  const claimed = await claim(trx, c, 'sent');
  if (!claimed || !('surveyId' in claimed)) return claimed;
  const text = surveyMessage(surveyLanguage(c.language, c.locale), c.scale, surveyLink(baseUrl, claimed.token));
  await storeOutgoing(trx, c.workspaceId, c.id, SYSTEM, { type: 'reply', text, visibility: 'private' });
  return claimed;
}
