import { sql, type Kysely } from 'kysely';
import { webhookHeaders } from '../channels/standard-webhooks.js';
import { recordHistory, SYSTEM } from '../db/history.js';
import type { Database } from '../db/schema.js';
import { AppError } from '../domain/errors.js';
import { postOutbound } from '../security/outbound-http.js';
import type { SecretBox } from '../security/secret-box.js';
import { backoffMs } from './delivery-worker.js';

/** A call that keeps failing is given up after this many attempts; its history keeps the reason. */
const MAX_ATTEMPTS = 8;
const BATCH = 20;

/**
 * Sends the webhook calls rules queued, signed like every outbound webhook (Standard Webhooks,
 * the workspace's rules secret) and only to public addresses unless private networks are allowed.
 * Each call is claimed with a lease first, so two workers never send one twice; a failure is
 * retried with backoff, a refused address (SSRF guard) at once given up.
 */
export async function sendRuleWebhooks(db: Kysely<Database>, box: SecretBox, options: { allowPrivateNetworks: boolean }): Promise<number> {
  const due = await db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('automationWebhooks as h')
      .innerJoin('workspaces as w', 'w.id', 'h.workspaceId')
      .select(['h.id', 'h.workspaceId', 'h.conversationId', 'h.ruleId', 'h.url', 'h.body', 'h.attempts', 'w.rulesWebhookSecret'])
      .where('h.nextAttemptAt', '<=', sql<Date>`now()`)
      .orderBy('h.nextAttemptAt')
      .limit(BATCH)
      .forUpdate('h')
      .skipLocked()
      .execute();
    if (rows.length > 0) {
      await trx.updateTable('automationWebhooks').set({ nextAttemptAt: sql<Date>`now() + interval '2 minutes'` }).where('id', 'in', rows.map((r) => r.id)).execute();
    }
    return rows;
  });
  let sent = 0;
  for (const call of due) {
    const secret = call.rulesWebhookSecret ? (box.open(call.rulesWebhookSecret).webhookSecret ?? '') : '';
    let error: string | null = null;
    let final = false;
    try {
      const res = await postOutbound(call.url, { 'content-type': 'application/json', 'user-agent': 'Parley-Webhooks/1', ...webhookHeaders(secret, `rule_${call.id}`, call.body) }, call.body, { allowPrivateNetworks: options.allowPrivateNetworks });
      if (res.status < 200 || res.status >= 300) error = `HTTP ${res.status}`;
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
      final = err instanceof AppError && (err.code === 'forbidden' || err.code === 'invalid');
    }
    const attempts = call.attempts + 1;
    if (error === null) {
      await db.updateTable('automationWebhooks').set({ deliveredAt: sql<Date>`now()`, nextAttemptAt: null, attempts, lastError: null }).where('id', '=', call.id).execute();
      sent++;
      continue;
    }
    const giveUp = final || attempts >= MAX_ATTEMPTS;
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('automationWebhooks')
        .set({ attempts, lastError: error, nextAttemptAt: giveUp ? null : new Date(Date.now() + backoffMs(attempts)) })
        .where('id', '=', call.id)
        .execute();
      if (giveUp) {
        await recordHistory(trx, call.workspaceId, call.conversationId, SYSTEM, 'webhook.failed', { ruleId: call.ruleId, url: call.url, error });
      }
    });
  }
  return sent;
}
