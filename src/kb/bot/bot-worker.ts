import { sql, type Kysely } from 'kysely';
import { getConversation } from '../../db/conversations.js';
import { recordHistory, SYSTEM } from '../../db/history.js';
import type { Database, Db, HandoverReason } from '../../db/schema.js';
import { updateConversation } from '../../inbox/update-conversation.js';
import { storeOutgoing } from '../../pipeline/send-message.js';
import { articleLink } from '../article-link.js';
import { recordArticleUse } from '../article-use.js';
import { snippetOf } from '../suggest/article-text.js';
import type { KbLanguage } from '../suggest/engine.js';
import type { KnowledgeIndexes } from '../suggest/knowledge-indexes.js';
import { asLanguage } from '../suggest/knowledge-source.js';
import { DEFAULT_BOT_CONFIDENCE, helpCenterAddress } from './bot-settings.js';
import { botAnswer, botHandover, botResolved } from './bot-texts.js';
import { decideBot } from './decide.js';

const BATCH = 20;

/** Decides every customer message the bot has claimed; returns how many it handled. */
export async function runBot(db: Kysely<Database>, knowledge: KnowledgeIndexes, publicUrl: string | null): Promise<number> {
  const pending = await db
    .selectFrom('kbBotConversations')
    .select(['conversationId', 'workspaceId'])
    .where('pendingMessageId', 'is not', null)
    .orderBy('updatedAt')
    .limit(BATCH)
    .execute();
  let handled = 0;
  for (const row of pending) {
    const resolved = await db.transaction().execute((trx) => decideOne(trx, knowledge, row.workspaceId, row.conversationId, publicUrl));
    if (resolved === null) continue;
    handled++;
    // Resolving goes through the inbox's own rules (history, clocks, events) after the bot's reply is stored.
    if (resolved) await updateConversation(db, row.workspaceId, row.conversationId, SYSTEM, { status: 'resolved' });
  }
  return handled;
}

/** One decision and its messages in one transaction; null when another worker took it. Returns whether to resolve. */
async function decideOne(trx: Db, knowledge: KnowledgeIndexes, workspaceId: string, conversationId: string, publicUrl: string | null): Promise<boolean | null> {
  const bot = await trx
    .selectFrom('kbBotConversations')
    .selectAll()
    .where('conversationId', '=', conversationId)
    .where('pendingMessageId', 'is not', null)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
  if (!bot?.pendingMessageId) return null;
  const message = await trx.selectFrom('messages').select(['text', 'urgent', 'sentiment', 'language']).where('id', '=', bot.pendingMessageId).executeTakeFirst();
  const conversation = await getConversation(trx, workspaceId, conversationId);
  const language: KbLanguage = asLanguage(message?.language) ?? asLanguage(conversation.language) ?? 'de';
  const settings = await trx.selectFrom('kbBotChannels').select('minConfidence').where('channelId', '=', bot.channelId).executeTakeFirst();
  const engine = await knowledge.articlesOf(trx, workspaceId);
  // Internal articles are for agents: the bot answers customers from published ones only.
  const best = message ? engine.search(message.text, { language, limit: 5 }).find((m) => m.doc.status === 'published') : undefined;
  const decision = message
    ? decideBot({
        state: bot.state,
        text: message.text,
        urgent: message.urgent,
        negative: message.sentiment === 'negative',
        answers: bot.answers,
        best: best ? { articleId: best.doc.id, confidence: best.confidence } : null,
        minConfidence: settings?.minConfidence ?? DEFAULT_BOT_CONFIDENCE,
      })
    : ({ action: 'silent' } as const);
  const done = { pendingMessageId: null, updatedAt: sql<Date>`now()` };
  const update = trx.updateTable('kbBotConversations').where('conversationId', '=', conversationId);

  switch (decision.action) {
    case 'answer': {
      if (!best) return null;
      const url = articleLink(await helpCenterAddress(trx, workspaceId, publicUrl), best.doc);
      await storeOutgoing(trx, workspaceId, conversationId, SYSTEM, { type: 'reply', text: botAnswer(language, best.doc.answer, url), meta: { bot: { kind: 'answer', articleId: best.doc.id } } });
      await recordArticleUse(trx, workspaceId, conversationId, [best.doc.id], 'bot');
      await update.set({ ...done, state: 'awaiting_feedback', articleId: best.doc.id, answers: sql<number>`answers + 1` }).execute();
      await recordHistory(trx, workspaceId, conversationId, SYSTEM, 'bot.answered', { articleId: best.doc.id, confidence: Math.round(best.confidence * 1000) / 1000 });
      return false;
    }
    case 'resolve':
      await storeOutgoing(trx, workspaceId, conversationId, SYSTEM, { type: 'reply', text: botResolved(language), meta: { bot: { kind: 'resolved' } } });
      await update.set({ ...done, state: 'resolved', resolvedAt: sql<Date>`now()` }).execute();
      await recordHistory(trx, workspaceId, conversationId, SYSTEM, 'bot.resolved', { articleId: bot.articleId });
      return true;
    case 'handover': {
      await storeOutgoing(trx, workspaceId, conversationId, SYSTEM, { type: 'reply', text: botHandover(language), meta: { bot: { kind: 'handover' } } });
      const ws = await trx.selectFrom('workspaces').select('locale').where('id', '=', workspaceId).executeTakeFirstOrThrow();
      const title = bot.articleId ? (await trx.selectFrom('articles').select('title').where('id', '=', bot.articleId).executeTakeFirst())?.title : undefined;
      const note = handoverSummary(ws.locale.startsWith('en') ? 'en' : 'de', decision.reason, message?.text ?? '', title, bot.answers);
      await storeOutgoing(trx, workspaceId, conversationId, SYSTEM, { type: 'note', text: note, meta: { bot: { kind: 'summary' } } });
      await update.set({ ...done, state: 'handed_over', handoverReason: decision.reason, handedOverAt: sql<Date>`now()` }).execute();
      await recordHistory(trx, workspaceId, conversationId, SYSTEM, 'bot.handed_over', { reason: decision.reason, note });
      return false;
    }
    case 'silent':
      await update.set(done).execute();
      return false;
  }
}

const REASONS: Record<KbLanguage, Record<HandoverReason, string>> = {
  de: {
    asked_for_person: 'Kunde möchte mit einem Menschen sprechen',
    urgent: 'dringend',
    negative: 'Kunde ist verärgert',
    low_confidence: 'kein passender Artikel',
    not_helpful: 'Antwort hat nicht geholfen',
    reopened: 'Kunde schreibt nach gelöster Anfrage erneut',
  },
  en: {
    asked_for_person: 'customer asked for a person',
    urgent: 'urgent',
    negative: 'customer is upset',
    low_confidence: 'no fitting article',
    not_helpful: 'the answer did not help',
    reopened: 'customer wrote again after the bot resolved it',
  },
};

/** The note agents find on a handed-over conversation: why, what the customer last wrote, what the bot sent. */
function handoverSummary(language: KbLanguage, reason: HandoverReason, lastText: string, articleTitle: string | undefined, answers: number): string {
  const last = snippetOf(lastText, 160);
  if (language === 'en') {
    const sent = articleTitle ? ` The bot answered ${answers}× with the article “${articleTitle}”.` : ' The bot did not answer.';
    return `Handed over by the bot (${REASONS.en[reason]}). Last customer message: “${last}”.${sent}`;
  }
  const sent = articleTitle ? ` Der Bot hat ${answers}× mit dem Artikel „${articleTitle}“ geantwortet.` : ' Der Bot hat nicht geantwortet.';
  return `Vom Bot übergeben (${REASONS.de[reason]}). Letzte Kundennachricht: „${last}“.${sent}`;
}
