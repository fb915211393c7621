import { sql } from 'kysely';
import type { Db } from '../../db/schema.js';
import { DEFAULT_BOT_CONFIDENCE } from '../bot/bot-settings.js';
import { snippetOf } from '../suggest/article-text.js';
import type { KnowledgeIndexes } from '../suggest/knowledge-indexes.js';
import { asLanguage } from '../suggest/knowledge-source.js';
import { clusterTexts } from './cluster.js';

/**
 * Praise and complaints are not FAQ material; every other category is, 'other' included, because
 * the classifier files many plain questions there.
 */
const NOT_FAQ = ['praise', 'complaint'];
const MAX_QUESTIONS = 3000;
const EXAMPLES = 5;

export interface KnowledgeGap {
  suggestedTitle: string;
  count: number;
  examples: { conversationId: string; snippet: string }[];
}

/**
 * Customer questions of the last weeks that no article answers well (the bot would not have
 * answered them), grouped by similar wording, the largest group first: the FAQ articles missing.
 */
export async function findKnowledgeGaps(db: Db, indexes: KnowledgeIndexes, workspaceId: string, weeks: number): Promise<KnowledgeGap[]> {
  const rows = await db
    .selectFrom('conversations as c')
    .innerJoinLateral(
      (eb) =>
        eb
          .selectFrom('messages as m')
          .select(['m.text', 'm.category', 'm.language'])
          .whereRef('m.conversationId', '=', 'c.id')
          .where('m.direction', '=', 'inbound')
          .orderBy('m.createdAt')
          .limit(1)
          .as('first'),
      (join) => join.onTrue(),
    )
    .select(['c.id', 'first.text', 'first.language'])
    .where('c.workspaceId', '=', workspaceId)
    .where('c.createdAt', '>=', sql<Date>`now() - make_interval(weeks => ${weeks})`)
    .where((eb) => eb.or([eb('first.category', 'is', null), eb('first.category', 'not in', NOT_FAQ)]))
    .orderBy('c.createdAt', 'desc')
    .limit(MAX_QUESTIONS)
    .execute();
  const engine = await indexes.articlesOf(db, workspaceId);
  const unanswered = rows.filter((r) => {
    const best = engine.search(r.text, { language: asLanguage(r.language), limit: 1 })[0];
    return !best || best.confidence < DEFAULT_BOT_CONFIDENCE;
  });
  return clusterTexts(unanswered.map((r) => r.text))
    .map((c) => {
      const members = c.members.map((i) => unanswered[i]).filter((r) => r !== undefined);
      return {
        suggestedTitle: snippetOf(members[0]?.text ?? '', 80),
        count: members.length,
        examples: members.slice(0, EXAMPLES).map((r) => ({ conversationId: r.id, snippet: snippetOf(r.text, 160) })),
      };
    })
    .sort((a, b) => b.count - a.count);
}

export interface UnclearArticle {
  id: string;
  title: string;
  language: string;
  conversations: number;
  reopened: number;
  reopenRate: number;
}

/**
 * Articles whose conversations keep coming back: of the conversations an article answered (by
 * suggestion or the bot), how many the customer reopened afterwards by writing again.
 */
export async function findUnclearArticles(db: Db, workspaceId: string, minConversations: number): Promise<UnclearArticle[]> {
  const rows = await db
    .selectFrom('articleConversations as ac')
    .innerJoin('articles as a', 'a.id', 'ac.articleId')
    .select(({ fn }) => [
      'a.id',
      'a.title',
      'a.language',
      fn.count<string>(sql`DISTINCT ac.conversation_id`).as('conversations'),
      sql<string>`count(DISTINCT ac.conversation_id) FILTER (WHERE EXISTS (
        SELECT 1 FROM conversation_events e
        WHERE e.conversation_id = ac.conversation_id AND e.workspace_id = ac.workspace_id AND e.type = 'status.changed'
          AND e.data->>'from' IN ('resolved', 'closed') AND e.created_at > ac.created_at))`.as('reopened'),
    ])
    .where('ac.workspaceId', '=', workspaceId)
    .where('ac.via', 'in', ['suggestion', 'bot'])
    .groupBy(['a.id', 'a.title', 'a.language'])
    .execute();
  return rows
    .map((r) => {
      const conversations = Number(r.conversations);
      const reopened = Number(r.reopened);
      return { id: r.id, title: r.title, language: r.language, conversations, reopened, reopenRate: conversations ? Math.round((reopened / conversations) * 1000) / 1000 : 0 };
    })
    .filter((r) => r.conversations >= minConversations && r.reopened > 0)
    .sort((a, b) => b.reopenRate - a.reopenRate || b.reopened - a.reopened);
}
