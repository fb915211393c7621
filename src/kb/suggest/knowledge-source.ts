import { sql } from 'kysely';
import type { ArticleStatus, Db } from '../../db/schema.js';
import { redactPii } from '../../nlp/index.js';
import { answerText, exampleQuestions } from './article-text.js';
import type { KbLanguage, SuggestionDocument } from './engine.js';

export interface ArticleDocument extends SuggestionDocument {
  kind: 'article';
  slug: string;
  status: ArticleStatus;
  answer: string;
}

export interface PastAnswerDocument extends SuggestionDocument {
  kind: 'answer';
  conversationId: string;
  answer: string;
}

/** Changes whenever an article is saved, added or removed, so a cached index knows it is stale. */
export async function articlesFingerprint(db: Db, workspaceId: string): Promise<string> {
  const row = await db
    .selectFrom('articles')
    .select([sql<string>`count(*)::text`.as('count'), sql<string>`coalesce(max(updated_at)::text, '')`.as('latest')])
    .where('workspaceId', '=', workspaceId)
    .executeTakeFirstOrThrow();
  return `${row.count}/${row.latest}`;
}

/** Changes whenever a conversation is resolved, which may add past answers. */
export async function pastAnswersFingerprint(db: Db, workspaceId: string): Promise<string> {
  const row = await db
    .selectFrom('conversations')
    .select(sql<string>`coalesce(max(resolved_at)::text, '')`.as('latest'))
    .where('workspaceId', '=', workspaceId)
    .where('resolvedAt', 'is not', null)
    .executeTakeFirstOrThrow();
  return row.latest;
}

/** Published and internal articles: what agents and the bot may answer with. Drafts never. */
export async function loadArticleDocuments(db: Db, workspaceId: string): Promise<ArticleDocument[]> {
  const rows = await db
    .selectFrom('articles')
    .select(['id', 'language', 'slug', 'title', 'tags', 'bodyMd', 'status'])
    .where('workspaceId', '=', workspaceId)
    .where('status', 'in', ['published', 'internal'])
    .orderBy('id')
    .execute();
  return rows.map((r) => {
    const answer = answerText(r.bodyMd);
    return { kind: 'article', id: r.id, language: r.language, slug: r.slug, status: r.status, title: r.title, tags: r.tags, questions: exampleQuestions(r.bodyMd), body: answer, answer };
  });
}

/** How many past answers an index holds: the most recent ones say how the team answers today. */
const PAST_ANSWERS = 5000;

/**
 * Agents' replies in resolved conversations, each paired with the customer's message just before
 * it: a question the team has answered before, and how.
 */
export async function loadPastAnswers(db: Db, workspaceId: string): Promise<PastAnswerDocument[]> {
  const rows = await db
    .selectFrom('messages as a')
    .innerJoin('conversations as c', 'c.id', 'a.conversationId')
    .innerJoinLateral(
      (eb) =>
        eb
          .selectFrom('messages as q')
          .select(['q.text'])
          .whereRef('q.conversationId', '=', 'a.conversationId')
          .where('q.direction', '=', 'inbound')
          .whereRef('q.createdAt', '<', 'a.createdAt')
          .orderBy('q.createdAt', 'desc')
          .limit(1)
          .as('q'),
      (join) => join.onTrue(),
    )
    .select(['a.id', 'a.conversationId', 'a.text as answer', 'q.text as question', 'c.language'])
    .where('a.workspaceId', '=', workspaceId)
    .where('c.workspaceId', '=', workspaceId)
    .where('c.status', 'in', ['resolved', 'closed'])
    .where('a.direction', '=', 'outbound')
    // The bot's answers are articles already; only what people wrote counts as a past answer.
    .where(sql<boolean>`NOT (a.meta ? 'bot')`)
    .orderBy('a.createdAt', 'desc')
    .limit(PAST_ANSWERS)
    .execute();
  // Another customer's e-mail address, phone or IBAN must never travel into a reply to someone else.
  return rows.map((r) => {
    const answer = redactPii(r.answer);
    return {
      kind: 'answer',
      id: r.id,
      conversationId: r.conversationId,
      language: asLanguage(r.language) ?? 'de',
      title: '',
      tags: [],
      questions: [redactPii(r.question)],
      body: answer,
      answer,
    };
  });
}

export function asLanguage(language: string | null | undefined): KbLanguage | undefined {
  return language === 'de' || language === 'en' ? language : undefined;
}

